/**
 * practice-ledger: the commercial record of a health and wellness practice as immutable
 * events. The root exports the values, the pure rules (to quote a price before anything
 * happens), the kernel (deciders, codecs, the event-store port, the command handler) and
 * the aggregates.
 */
export * from './values/index.js';
export * from './rules/index.js';
export * from './kernel/index.js';
export * from './events.js';
export * from './programs/index.js';
export * from './memberships/index.js';
export * from './membership-plans/index.js';
export * from './wallet/index.js';
export * from './flows/index.js';
export * from './credits/index.js';
export * from './service/index.js';
export * from './packages/index.js';
export * from './check-ins/index.js';
export * from './membership-benefits/index.js';
export * from './loyalty/index.js';
