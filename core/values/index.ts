export * from './money.js';
export * from './local-date.js';
export * from './period.js';
export * from './calendar.js';
export * from './ids.js';
export * from './percent.js';
export * from './persistent.js';
