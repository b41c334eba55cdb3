export * from './given-when-then.js';
export * from './arbitraries.js';
export * from './program-arbitraries.js';
export * from './credits.js';
export * from './membership-benefits.js';
