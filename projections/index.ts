export * from './projection.js';
export * from './credit-history.js';
export * from './credits-report.js';
export * from './client-credits.js';
