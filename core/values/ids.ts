/**
 * Ids are strings minted by the shell (uuid v7). An id derived from another message —
 * a process manager's command from the event that caused it, an event from its command —
 * is a uuid v5 of the cause, so a retry derives the same id and is deduplicated.
 */
import { uuidV5In } from './uuid-v5.js';

/** The namespace of every id practice-ledger derives (a fixed, random uuid). */
export const PRACTICE_LEDGER_NAMESPACE = '6f1d3c2e-8a4b-4f7e-9c3d-2b5a7e9f1c04';

const inNamespace = uuidV5In(PRACTICE_LEDGER_NAMESPACE);

/** A deterministic id for `purpose` caused by `causeId`: the same inputs always give the same id. */
export const deriveId = (causeId: string, purpose: string): string => inNamespace(causeId, '/', purpose);

/**
 * The id of the `index`-th event a command appends to a stream: `deriveId(commandId,
 * \`${streamName}/${index}\`)`, without building the strings in between.
 */
export const deriveEventId = (commandId: string, streamName: string, index: number): string =>
  inNamespace(commandId, '/', streamName, '/', String(index));
