export * from './given-when-then.js';
export * from './arbitraries.js';
export * from './check-ins.js';
