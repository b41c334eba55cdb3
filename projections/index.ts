export * from './projection.js';
export * from './compliance-board.js';
