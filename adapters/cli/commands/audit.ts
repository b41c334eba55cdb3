/**
 * `practice-ledger audit verify <log>`: what an auditor runs last. It checks the hash
 * chain line by line, that every stream's revisions follow each other and positions only
 * grow, and re-derives every client's credit history and balances from the credits events
 * alone (see `audit/credits.ts`); the first line that disagrees is named, and the command
 * fails.
 */
import { createCreditsAuditor } from '../audit/credits.js';
import { printer, type CliIo } from '../io.js';
import { badLine, inconsistentLine, openLog } from '../log-file.js';
import { textTable } from '../tables.js';

export interface AuditOptions {
  /** Print every client's re-derived balances. */
  readonly balances?: boolean;
}

export const auditVerifyCommand = async (io: CliIo, log: string, options: AuditOptions): Promise<void> => {
  const reading = await openLog(log, io, 'Auditing');
  const auditor = createCreditsAuditor();
  const revisions = new Map<string, bigint>();
  let position: bigint | undefined;
  let events = 0;
  for await (const e of reading.events) {
    events++;
    const expected = revisions.get(e.streamName) ?? 0n;
    if (e.revision !== expected) throw badLine(log, e.line, `holds revision ${e.revision} of ${e.streamName} where revision ${expected} comes next`);
    revisions.set(e.streamName, expected + 1n);
    if (position !== undefined && e.position <= position) throw badLine(log, e.line, `has position ${e.position}, which does not come after the line before it (${position})`);
    position = e.position;
    const wrong = auditor.check(e, e.line);
    if (wrong !== undefined) throw inconsistentLine(log, e.line, `${e.type} in ${e.streamName}`, wrong);
  }
  const unfinished = auditor.finish();
  if (unfinished !== undefined) throw inconsistentLine(log, unfinished.line, 'CreditsTransferredOut', unfinished.reason);

  const summary = auditor.summary();
  const print = printer(io.stdout);
  print(`${log}: the audit passed.`);
  print(`  Hash chain: ${events} events and the end line intact; head ${reading.head()}.`);
  print(`  Streams: ${revisions.size} streams, every revision in order from 0; positions in order.`);
  print(
    `  Credits: ${summary.clients} clients' ledgers re-derived from ${summary.events} events; each event is what its ledger implied, ` +
      `every running balance agrees with the lots, and ${summary.transfers} transfers between clients match side to side.`,
  );
  if (options.balances === true) {
    print('');
    const rows = summary.balances.map((b) => [b.clientId, b.appointmentType, b.balance, b.openLots]);
    for (const line of textTable({ title: 'Balances re-derived from the log', columns: ['Client', 'Appointment type', 'Balance', 'Open lots'], rows })) print(line);
  }
};
