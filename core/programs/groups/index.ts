/**
 * A client's group: stream `clientgroup-<clientId>`. One stream per client (not per group)
 * because a client is in one group at a time: changing it is one decision on one stream,
 * so the old and the new group can never both claim the client.
 */
import type { Decider } from '../../kernel/decider.js';
import type { ClientGroupCommand } from './commands.js';
import { decideClientGroup } from './decide.js';
import type { ClientGroupEvent } from './events.js';
import { evolveClientGroup, initialClientGroupState, type ClientGroupState } from './state.js';

export * from './events.js';
export * from './commands.js';
export * from './state.js';
export { decideClientGroup } from './decide.js';

export const clientGroupDecider: Decider<ClientGroupCommand, ClientGroupEvent, ClientGroupState> = {
  initialState: initialClientGroupState,
  evolve: evolveClientGroup,
  decide: decideClientGroup,
};

/** The stream of a client's group (category `clientgroup`, one word, as `streamCategory` reads it). */
export const clientGroupStream = (clientId: string): string => `clientgroup-${clientId}`;
export const clientGroupStreamOf = (command: ClientGroupCommand): string => clientGroupStream(command.clientId);
