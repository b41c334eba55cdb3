export * from './given-when-then.js';
export * from './arbitraries.js';
export * from './program-arbitraries.js';
export * from './credits.js';
export * from './package-arbitraries.js';
export * from './check-ins.js';
export * from './benefits-world.js';
export * from './benefits-scenarios.js';
