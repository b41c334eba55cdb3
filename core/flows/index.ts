export * from './membership-wallet.js';
export * from './plan-revision.js';
export * from './bulk-package-issued.js';
