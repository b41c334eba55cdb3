/** Bulk orders: one stream per order, `bulkorder-<orderId>`, holding its codes and their redemptions. */
import type { Decider } from '../../kernel/decider.js';
import type { BulkOrderCommand } from './commands.js';
import { decideBulkOrder } from './decide.js';
import type { BulkOrderEvent } from './events.js';
import { bulkOrderInitialState, evolveBulkOrder, type BulkOrderState } from './state.js';

export * from './events.js';
export * from './commands.js';
export * from './state.js';
export { decideBulkOrder, bulkPackageId } from './decide.js';

export const bulkOrderDecider: Decider<BulkOrderCommand, BulkOrderEvent, BulkOrderState> = {
  initialState: bulkOrderInitialState,
  evolve: evolveBulkOrder,
  decide: decideBulkOrder,
};

/** The stream of a bulk order. */
export const bulkOrderStream = (orderId: string): string => `bulkorder-${orderId}`;
/** The stream a bulk order command addresses. */
export const bulkOrderStreamOf = (command: BulkOrderCommand): string => bulkOrderStream(command.orderId);
