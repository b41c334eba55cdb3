export * from './billing-calendar.js';
export * from './proration.js';
