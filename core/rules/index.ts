export * from './billing-calendar.js';
export * from './proration.js';
export * from './period-share.js';
export * from './billing-alignment.js';
export * from './tier-change.js';
export * from './dunning.js';
export * from './cancellation.js';
