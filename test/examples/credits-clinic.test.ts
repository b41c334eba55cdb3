import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLog, verifyLog } from '../../adapters/jsonl/index.js';
import { creditsEvents } from '../../core/credits/index.js';
import { creditBalances, creditHistory, creditHistoryProjection, creditsReportProjection, project } from '../../projections/index.js';
import { writeCreditsClinicLog } from '../../examples/clinic/credits-log.js';

describe("the clinic's credits log", () => {
  it('is the same log for the same options, verifies, and holds every kind of credit fact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinic-'));
    try {
      const options = { clients: 60, events: 4000, seed: 7 };
      const first = await writeCreditsClinicLog(join(dir, 'a.jsonl'), options);
      const second = await writeCreditsClinicLog(join(dir, 'b.jsonl'), options);
      expect(first.events).toBe(4000);
      expect(second).toEqual(first);
      expect(readFileSync(join(dir, 'a.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'b.jsonl'), 'utf8'));
      expect(first.refused / first.actions).toBeLessThan(0.05);
      expect(await verifyLog(join(dir, 'a.jsonl'))).toEqual({ ok: true, events: 4000, head: first.head });

      const types = new Set<string>();
      let history = creditHistoryProjection.initial;
      let report = creditsReportProjection.initial;
      for await (const event of readLog(creditsEvents, join(dir, 'a.jsonl'))) {
        types.add(event.type);
        history = creditHistoryProjection.apply(history, event);
        report = creditsReportProjection.apply(report, event);
      }
      expect([...types].sort()).toEqual([
        'CreditDebtRepaid',
        'CreditExpiryExtended',
        'CreditsAdjusted',
        'CreditsExpired',
        'CreditsGranted',
        'CreditsRolledOver',
        'CreditsTransferredIn',
        'CreditsTransferredOut',
        'CreditsVoided',
        'SessionBooked',
        'SessionCancelled',
      ]);
      // The report and the history agree on every balance.
      for (const b of creditBalances(report)) expect(creditHistory(history, b.clientId, b.appointmentType).at(-1)?.balance ?? 0).toBe(b.balance);
      expect(await project(creditsReportProjection, readLog(creditsEvents, join(dir, 'b.jsonl')))).toEqual(report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
