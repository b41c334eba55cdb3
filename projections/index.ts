export * from './projection.js';
export * from './package-usage.js';
export * from './packages-expiring.js';
