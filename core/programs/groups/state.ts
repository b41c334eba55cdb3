/** A client's group, folded from its stream. */
import type { LocalDate } from '../../values/local-date.js';
import type { ClientGroupEvent } from './events.js';

export interface ClientGroupState {
  /** The group the client is in, and since when; `undefined` when in none. */
  readonly group?: { readonly groupId: string; readonly since: LocalDate };
}

export const initialClientGroupState: ClientGroupState = {};

export const evolveClientGroup = (state: ClientGroupState, event: ClientGroupEvent): ClientGroupState => {
  switch (event.type) {
    case 'ClientAddedToGroup':
      return { group: { groupId: event.data.groupId, since: event.data.on } };
    case 'ClientGroupChanged':
      return { group: { groupId: event.data.toGroupId, since: event.data.on } };
    case 'ClientRemovedFromGroup':
      return {};
    case 'GroupPaperworkPrompted':
    case 'FormsAndDocumentsAccessKept':
      return state;
  }
};
