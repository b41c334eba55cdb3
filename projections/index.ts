export * from './projection.js';
export * from './program-enrollments.js';
export * from './program-directory.js';
export * from './memberships.js';
export * from './credit-history.js';
export * from './credits-report.js';
export * from './client-credits.js';
export * from './membership-usage.js';
