export * from './projection.js';
export * from './runner.js';
export * from './checkpoints.js';
export * from './subscription.js';
