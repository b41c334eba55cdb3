export * from './billing-calendar.js';
export * from './proration.js';
export * from './credit-use.js';
export * from './rollover.js';
