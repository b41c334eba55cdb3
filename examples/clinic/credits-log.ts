/**
 * Runs the clinic's actions through the credits ledger (the library's command handler and
 * decider, on the embedded store) and writes the audit log of the first `events` events:
 * JSON Lines with the SHA-256 hash chain, as `exportLog` writes it. The same options give
 * the same log, byte for byte.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../adapters/in-memory/index.js';
import { logLines } from '../../adapters/jsonl/index.js';
import { creditsCommandStream, creditsDecider, creditsEvents, transferCredits, type CreditsCommand, type CreditsEvent } from '../../core/credits/index.js';
import { createCommandHandler, type CommandHandler } from '../../core/kernel/command-handler.js';
import type { DomainError } from '../../core/kernel/errors.js';
import { creditsClinicActions, type CreditsClinicAction, type CreditsClinicOptions } from './credits-clinic.js';

/** Sends one action of the clinic through a credits command handler. */
export const runClinicAction = async (
  handler: CommandHandler<CreditsCommand, CreditsEvent>,
  action: CreditsClinicAction,
): Promise<Either<DomainError, unknown>> =>
  action.kind === 'command' ? handler.handle(action.command, action.context) : transferCredits(handler, action.request, action.context);

export interface CreditsClinicLog {
  readonly events: number;
  /** The hash of the log's last line. */
  readonly head: string;
  /** Actions sent, and how many the ledger refused. */
  readonly actions: number;
  readonly refused: number;
}

/** Writes the log of the first `events` events of the clinic to `path`. */
export const writeCreditsClinicLog = async (path: string, options: CreditsClinicOptions & { readonly events: number }): Promise<CreditsClinicLog> => {
  const store = createInMemoryEventStore(creditsEvents);
  const handler = createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream });
  let actions = 0;
  let refused = 0;
  for (const action of creditsClinicActions(options)) {
    if (store.size >= options.events) break;
    actions++;
    if (isLeft(await runClinicAction(handler, action))) refused++;
  }
  const out = createWriteStream(path, { encoding: 'utf8' });
  let head = '';
  try {
    for await (const line of logLines(creditsEvents, store.readAll({ maxCount: options.events }))) {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
      head = line;
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
  const hash = /"hash":"([0-9a-f]{64})"/.exec(head)?.[1] ?? '';
  return { events: Math.min(store.size, options.events), head: hash, actions, refused };
};
