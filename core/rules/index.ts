export * from './billing-calendar.js';
export * from './proration.js';
export * from './package-pricing.js';
export * from './package-expiry.js';
