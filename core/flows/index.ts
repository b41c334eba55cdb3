export * from './membership-wallet.js';
export * from './plan-revision.js';
export * from './bulk-package-issued.js';
export * from './package-credits.js';
export * from './package-wallet.js';
export * from './package-enrollment.js';
export * from './package-credit-use.js';
