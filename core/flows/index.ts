export * from './membership-wallet.js';
export * from './plan-revision.js';
