export * from './membership-wallet.js';
export * from './plan-revision.js';
export * from './membership-benefits.js';
export * from './benefits-credits.js';
export * from './loyalty.js';
