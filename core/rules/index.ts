export * from './billing-calendar.js';
export * from './proration.js';
export * from './escalation-schedule.js';
