export * from './projection.js';
export * from './memberships.js';
