/**
 * Hostile input through the Promise facade: 10,000 generated malformed commands (missing
 * fields, wrong types, control characters, huge and negative numbers, dates that do not
 * exist or that no practice lives in, unknown appointment types, fields hidden behind
 * prototype-pollution keys, inputs that are not commands). Every one is refused with a
 * `DomainErrorException` naming the broken field; none appends; nothing else is thrown;
 * no prototype is polluted. The figures are printed for the CI log.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createInMemoryEventStore } from '../../adapters/in-memory/index.js';
import { manualClock, sequentialIds } from '../../adapters/system/index.js';
import { practiceEvents } from '../../core/events.js';
import { DomainErrorException } from '../../core/kernel/errors.js';
import { createPracticeLedger, type PracticeLedger } from '../../core/service/index.js';
import { arbMalformedCommand, arbNotACommand, describeCommand, HOSTILE_APPOINTMENT_TYPES, HOSTILE_BASES, hostileSetup, namesField, type MalformedCommand } from '../../testing/index.js';

const INPUTS = 10_000;

const send = (ledger: PracticeLedger, input: unknown): Promise<unknown> => {
  if (typeof input === 'object' && input !== null && (input as { type?: unknown }).type === 'TransferCredits') return ledger.transferCredits(input as never);
  return ledger.execute(input);
};

const hostileLedger = async () => {
  const store = createInMemoryEventStore(practiceEvents);
  const ledger = createPracticeLedger({ store, clock: manualClock('2025-03-03T09:00:00.000Z'), ids: sequentialIds('hostile'), policies: { appointmentTypes: HOSTILE_APPOINTMENT_TYPES } });
  await hostileSetup(ledger);
  return { store, ledger };
};

describe('hostile input: malformed commands through the Promise facade', () => {
  it('every command the malformed ones are made from is accepted as it is (so a refusal comes from the broken field)', async () => {
    const refused: string[] = [];
    for (const base of HOSTILE_BASES) {
      const { store, ledger } = await hostileLedger();
      await send(ledger, base.input).catch((error: unknown) => refused.push(`${describeCommand(base.input)} was refused: ${String(error)}`));
      await store.close();
    }
    expect(refused).toEqual([]);
  });

  it(`${INPUTS.toLocaleString('en')} malformed commands are each refused with a typed error naming the field, and none appends`, async () => {
    const { store, ledger } = await hostileLedger();
    const before = store.size;
    const inputs: MalformedCommand[] = [
      ...fc.sample(arbMalformedCommand(), { numRuns: INPUTS - 100, seed: 13 }),
      ...fc.sample(arbNotACommand(), { numRuns: 100, seed: 13 }),
    ];
    const byMutation = new Map<string, number>();
    const byCode = new Map<string, number>();
    const accepted: string[] = [];
    const wrongField: string[] = [];
    const threw: string[] = [];
    let typed = 0;
    let appends = 0;
    for (const m of inputs) {
      const size = store.size;
      const what = `${m.mutation} of ${m.type}.${m.field}: ${describeCommand(m.input)}`;
      try {
        await send(ledger, m.input);
        accepted.push(what);
      } catch (error) {
        if (!(error instanceof DomainErrorException)) threw.push(`${what} → ${String(error)}`);
        else {
          typed += 1;
          byCode.set(error.code, (byCode.get(error.code) ?? 0) + 1);
          if (!namesField(error.field, m)) wrongField.push(`${what} → ${error.code} field ${String(error.field)}: ${error.message.slice(0, 200)}`);
        }
      }
      if (store.size !== size) appends += store.size - size;
      byMutation.set(m.mutation, (byMutation.get(m.mutation) ?? 0) + 1);
    }
    const polluted = (Object.prototype as Record<string, unknown>)['polluted'] !== undefined || ({} as Record<string, unknown>)['clientId'] !== undefined;
    console.log(
      [
        `hostile input: ${inputs.length} malformed commands tried through the Promise facade`,
        `  by kind: ${[...byMutation].map(([k, n]) => `${k} ${n}`).join(', ')}`,
        `  typed errors (DomainErrorException): ${typed}, of which naming the broken field: ${typed - wrongField.length}`,
        `  by code: ${[...byCode].map(([k, n]) => `${k} ${n}`).join(', ')}`,
        `  accepted: ${accepted.length}; other errors thrown: ${threw.length}; events appended: ${appends} (store ${before} → ${store.size}); prototype polluted: ${polluted}`,
      ].join('\n'),
    );
    const show = (list: string[]) => list.slice(0, 15).join('\n');
    expect(show(wrongField), 'named another field').toBe('');
    expect(show(accepted), 'accepted').toBe('');
    expect(show(threw), 'threw').toBe('');
    expect(appends).toBe(0);
    expect(store.size).toBe(before);
    expect(polluted).toBe(false);
    expect(typed).toBe(INPUTS);
  });
});
