/**
 * The command-handling workload of the issue: credit commands over client streams, one
 * grant of 10 for every 9 bookings on each client, the clients taking turns (command i
 * goes to client i mod clients). Balances never run out, so every command is accepted and
 * both contenders do the same work: read the stream, fold, decide, append.
 */
import type { CreditsCommand } from '../../core/credits/index.js';
import { addDays, localDate } from '../../core/values/local-date.js';

export interface WorkloadCommand {
  readonly command: CreditsCommand;
  /** The command's id (our handler's idempotency key). */
  readonly commandId: string;
  /** The instant the command is handled at. */
  readonly at: string;
}

const START = localDate('2025-01-06');

/**
 * `count` commands over `clients` client ledgers; `tag` keeps the streams of one run apart
 * from another's in a shared database.
 */
export const creditsWorkload = (count: number, clients: number, tag: string): WorkloadCommand[] => {
  const commands: WorkloadCommand[] = [];
  for (let i = 0; i < count; i++) {
    const client = i % clients;
    const nth = Math.floor(i / clients);
    const clientId = `${tag}-c${client}`;
    const on = addDays(START, nth);
    const command: CreditsCommand =
      nth % 10 === 0
        ? { type: 'GrantCredits', clientId, appointmentType: 'Massage', quantity: 10, source: 'package', reference: `${tag}-pkg-${i}`, on }
        : { type: 'BookSession', clientId, bookingId: `${tag}-b${i}`, appointmentType: 'Massage', channel: 'client_portal', on };
    commands.push({ command, commandId: `${tag}-cmd-${i}`, at: `${on}T09:00:00.000Z` });
  }
  return asReceived(commands);
};

/**
 * The commands as a platform would send them: parsed from JSON text. (Strings built by
 * concatenation here would otherwise reach both contenders as rope strings, which the
 * first hash lookup has to flatten; commands from a request never are.)
 */
const asReceived = (commands: readonly WorkloadCommand[]): WorkloadCommand[] => {
  const received: unknown = JSON.parse(JSON.stringify(commands));
  // The same values, read back: only the strings' representation changed.
  return received as WorkloadCommand[];
};

/** The commands of one client among `clients`, for concurrent clients on distinct streams. */
export const partition = <T>(items: readonly T[], parts: number): T[][] => {
  const out: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => out[i % parts]?.push(item));
  return out;
};
