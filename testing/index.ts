export * from './given-when-then.js';
export * from './arbitraries.js';
export * from './package-arbitraries.js';
