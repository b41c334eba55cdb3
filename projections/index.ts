export * from './projection.js';
export * from './program-enrollments.js';
export * from './program-directory.js';
export * from './memberships.js';
