import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../adapters/in-memory/index.js';
import { createCommandHandler, fold, type CommandHandler } from '../../../core/kernel/index.js';
import {
  creditBalance,
  creditsCommandStream,
  creditsCommands,
  creditsDecider,
  creditsEvents,
  creditsStream,
  creditTransferCommandIds,
  transferCredits,
  type CreditsCommand,
  type CreditsCommandOf,
  type CreditsEvent,
} from '../../../core/credits/index.js';
import { d, FOLLOW_UP, granted, JAN_1, spec } from './fixtures.js';

const AT = '2025-01-01T10:00:00.000Z';

describe('the two sides of a transfer, each in its ledger', () => {
  const out = (extra: Partial<CreditsCommandOf<'TransferCreditsOut'>> = {}): CreditsCommandOf<'TransferCreditsOut'> => ({
    type: 'TransferCreditsOut',
    clientId: 'c1',
    transferId: 't1',
    toClientId: 'c2',
    appointmentType: FOLLOW_UP,
    quantity: 2,
    on: JAN_1,
    ...extra,
  });
  const receive = (extra: Partial<CreditsCommandOf<'ReceiveCreditTransfer'>> = {}): CreditsCommandOf<'ReceiveCreditTransfer'> => ({
    type: 'ReceiveCreditTransfer',
    clientId: 'c2',
    transferId: 't1',
    fromClientId: 'c1',
    appointmentType: FOLLOW_UP,
    parts: [
      { quantity: 1, expiresOn: d('2025-03-01') },
      { quantity: 1, expiresOn: null },
    ],
    on: JAN_1,
    ...extra,
  });
  const transferredOut: CreditsEvent = {
    type: 'CreditsTransferredOut',
    data: {
      transferId: 't1',
      toClientId: 'c2',
      appointmentType: FOLLOW_UP,
      quantity: 2,
      taken: [
        { lot: 2, quantity: 1, expiresOn: d('2025-03-01') },
        { lot: 1, quantity: 1, expiresOn: null },
      ],
      by: null,
      on: JAN_1,
    },
  };

  it('the family member giving credits: a deduction of the number and type transferred, from the lots that expire first', () => {
    const state = spec.given([granted(1, 3), granted(2, 1, { expiresOn: d('2025-03-01') })]).when(out()).then([transferredOut]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(2);
  });

  it('the family member receiving credits: one lot per lot given, keeping its expiry', () => {
    const state = spec
      .given([])
      .when(receive())
      .then([
        {
          type: 'CreditsTransferredIn',
          data: {
            transferId: 't1',
            fromClientId: 'c1',
            appointmentType: FOLLOW_UP,
            reference: 't1',
            lots: [
              { lot: 1, quantity: 1, expiresOn: d('2025-03-01') },
              { lot: 2, quantity: 1, expiresOn: null },
            ],
            on: JAN_1,
          },
        },
      ]);
    expect(creditBalance(state, FOLLOW_UP)).toBe(2);
  });

  it('a receiver with the credit system off declines, and the decline is recorded', () => {
    spec
      .given([{ type: 'CreditSettingsAdjusted', data: { overrides: { enabled: false }, by: 'admin', on: JAN_1 } }])
      .when(receive())
      .thenEvents((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]?.type).toBe('CreditTransferDeclined');
        expect(events[0]?.data).toMatchObject({ transferId: 't1', quantity: 2, code: 'CREDITS_DISABLED' });
      });
  });

  it('the giver gets a declined transfer back in the lots it came from', () => {
    spec
      .given([granted(1, 3), granted(2, 1, { expiresOn: d('2025-03-01') }), transferredOut])
      .when({ type: 'ReverseCreditTransfer', clientId: 'c1', transferId: 't1', reason: 'declined', on: JAN_1 })
      .then([
        {
          type: 'CreditTransferReversed',
          data: {
            transferId: 't1',
            toClientId: 'c2',
            appointmentType: FOLLOW_UP,
            restored: [
              { lot: 2, quantity: 1 },
              { lot: 1, quantity: 1 },
            ],
            expired: [],
            reason: 'declined',
            on: JAN_1,
          },
        },
      ]);
  });

  it('a transfer to oneself, more credits than the giver has, or a transfer id used twice are refused', () => {
    spec.given([granted(1, 3)]).when(out({ toClientId: 'c1' })).thenError('TRANSFER_TO_SELF');
    spec.given([]).when(receive({ fromClientId: 'c2' })).thenError('TRANSFER_TO_SELF');
    spec.given([granted(1, 1)]).when(out()).thenError('INSUFFICIENT_CREDITS', 'the balance is 1 and 2 are needed');
    spec.given([granted(1, 3), granted(2, 1, { expiresOn: d('2025-03-01') }), transferredOut]).when(out({ quantity: 1 })).thenError('TRANSFER_ALREADY_RECORDED');
    spec.given([granted(1, 3)]).when(out({ quantity: -1 })).thenError('INVALID_QUANTITY');
    spec.given([]).when({ type: 'ReverseCreditTransfer', clientId: 'c1', transferId: 'nope', reason: 'x', on: JAN_1 }).thenError('UNKNOWN_TRANSFER');
  });
});

const setup = () => {
  const store = createInMemoryEventStore(creditsEvents);
  const handlerFor = (): CommandHandler<CreditsCommand, CreditsEvent> =>
    createCommandHandler({ store, decider: creditsDecider, events: creditsEvents, streamName: creditsCommandStream, commands: creditsCommands });
  const handler = handlerFor();
  const balance = async (clientId: string): Promise<number> => {
    const events: CreditsEvent[] = [];
    for await (const e of store.readStream(creditsStream(clientId))) events.push(e);
    return creditBalance(fold(creditsDecider, events), FOLLOW_UP);
  };
  const give = async (clientId: string, quantity: number) => {
    const r = await handler.handle({ type: 'GrantCredits', clientId, appointmentType: FOLLOW_UP, quantity, source: 'package', on: JAN_1 }, { commandId: `grant-${clientId}`, at: AT });
    expect(isRight(r)).toBe(true);
  };
  return { store, handler, handlerFor, balance, give };
};

const request = { transferId: 't-family', fromClientId: 'mum', toClientId: 'son', appointmentType: FOLLOW_UP, quantity: 2, on: JAN_1, by: 'dr-lee' };

describe('transferring credits between clients (through the command handler and the in-memory store)', () => {
  it('one debit and one credit with the same transfer id; the total is conserved', async () => {
    const { store, handler, balance, give } = setup();
    await give('mum', 5);
    const result = await transferCredits(handler, request, { at: AT });
    expect(isRight(result)).toBe(true);
    expect([await balance('mum'), await balance('son')]).toEqual([3, 2]);
    for await (const e of store.readAll()) {
      if (e.type === 'CreditsTransferredOut' || e.type === 'CreditsTransferredIn') {
        expect(e.data.transferId).toBe('t-family');
        expect(e.metadata.correlationId).toBe('t-family');
      }
    }
  });

  it('a retried transfer is applied once', async () => {
    const { store, handler, handlerFor, balance, give } = setup();
    await give('mum', 5);
    await transferCredits(handler, request, { at: AT });
    const size = store.size;
    const again = await transferCredits(handlerFor(), request, { at: AT });
    expect(isRight(again) && again.right.debit.alreadyApplied && again.right.credit.alreadyApplied).toBe(true);
    expect(store.size).toBe(size);
    expect([await balance('mum'), await balance('son')]).toEqual([3, 2]);
  });

  it('a half-done transfer (the debit recorded, then a crash) is finished by running it again', async () => {
    const { handler, handlerFor, balance, give } = setup();
    await give('mum', 5);
    const debitOnly = await handler.handle(
      { type: 'TransferCreditsOut', clientId: 'mum', transferId: 't-family', toClientId: 'son', appointmentType: FOLLOW_UP, quantity: 2, on: JAN_1 },
      { commandId: creditTransferCommandIds('t-family').debit, at: AT },
    );
    expect(isRight(debitOnly)).toBe(true);
    expect([await balance('mum'), await balance('son')]).toEqual([3, 0]);
    const finished = await transferCredits(handlerFor(), request, { at: AT });
    expect(isRight(finished)).toBe(true);
    expect([await balance('mum'), await balance('son')]).toEqual([3, 2]);
  });

  it('a crash while crediting the receiver, then a retry, ends with both sides', async () => {
    const { handlerFor, balance, give } = setup();
    await give('mum', 5);
    const real = handlerFor();
    const crashing: CommandHandler<CreditsCommand, CreditsEvent> = {
      ...real,
      handle: async (command, context) => {
        if (command.type === 'ReceiveCreditTransfer') throw new Error('connection lost');
        return real.handle(command, context);
      },
    };
    await expect(transferCredits(crashing, request, { at: AT })).rejects.toThrow('connection lost');
    expect([await balance('mum'), await balance('son')]).toEqual([3, 0]);
    expect(isRight(await transferCredits(handlerFor(), request, { at: AT }))).toBe(true);
    expect([await balance('mum'), await balance('son')]).toEqual([3, 2]);
  });

  it('a transfer the receiver declines is undone: neither side keeps a change', async () => {
    const { handler, balance, give } = setup();
    await give('mum', 5);
    await handler.handle({ type: 'AdjustCreditSettings', clientId: 'son', overrides: { enabled: false }, by: 'admin', on: JAN_1 }, { commandId: 'off', at: AT });
    const result = await transferCredits(handler, request, { at: AT });
    expect(isLeft(result) && result.left.code).toBe('CREDITS_DISABLED');
    expect(isLeft(result) && result.left.details).toEqual({ transferId: 't-family', reversed: true });
    expect([await balance('mum'), await balance('son')]).toEqual([5, 0]);
  });

  it('a declined transfer half undone (a crash before the reversal) is undone by running it again, even if the receiver changed since', async () => {
    const { handler, handlerFor, balance, give } = setup();
    await give('mum', 5);
    await handler.handle({ type: 'AdjustCreditSettings', clientId: 'son', overrides: { enabled: false }, by: 'admin', on: JAN_1 }, { commandId: 'off', at: AT });
    const real = handlerFor();
    const crashing: CommandHandler<CreditsCommand, CreditsEvent> = {
      ...real,
      handle: async (command, context) => {
        if (command.type === 'ReverseCreditTransfer') throw new Error('process killed');
        return real.handle(command, context);
      },
    };
    await expect(transferCredits(crashing, request, { at: AT })).rejects.toThrow('process killed');
    expect([await balance('mum'), await balance('son')]).toEqual([3, 0]);
    await handler.handle({ type: 'AdjustCreditSettings', clientId: 'son', overrides: {}, by: 'admin', on: JAN_1 }, { commandId: 'on', at: AT });
    const retried = await transferCredits(handlerFor(), request, { at: AT });
    expect(isLeft(retried) && retried.left.code).toBe('CREDITS_DISABLED');
    expect([await balance('mum'), await balance('son')]).toEqual([5, 0]);
    const again = await transferCredits(handlerFor(), request, { at: AT });
    expect(isLeft(again) && again.left.code).toBe('CREDITS_DISABLED');
    expect([await balance('mum'), await balance('son')]).toEqual([5, 0]);
  });

  it("a package's units can be moved on their own, and stay the package's on the receiving side", async () => {
    const { handler, balance } = setup();
    const grant = (quantity: number, reference: string, commandId: string) =>
      handler.handle({ type: 'GrantCredits', clientId: 'mum', appointmentType: FOLLOW_UP, quantity, source: 'package', reference, expiresOn: d('2025-03-01'), on: JAN_1 }, { commandId, at: AT });
    await grant(2, 'pkg-other', 'g1');
    await grant(3, 'pkg-transferable', 'g2');
    const result = await transferCredits(handler, { ...request, quantity: 3, fromReference: 'pkg-transferable', toReference: 'pkg-transferable' }, { at: AT });
    expect(isRight(result) && result.right.credit.events[0]).toMatchObject({ type: 'CreditsTransferredIn', data: { reference: 'pkg-transferable', lots: [{ lot: 1, quantity: 3, expiresOn: '2025-03-01' }] } });
    expect([await balance('mum'), await balance('son')]).toEqual([2, 3]);
    const voided = await handler.handle({ type: 'VoidCredits', clientId: 'son', reference: 'pkg-transferable', reason: 'Package refunded', on: JAN_1 }, { commandId: 'v', at: AT });
    expect(isRight(voided) && voided.right.events.map((e) => e.type)).toEqual(['CreditsVoided']);
    const tooMany = await transferCredits(handler, { ...request, transferId: 't-2', quantity: 1, fromReference: 'pkg-transferable' }, { at: AT });
    expect(isLeft(tooMany) && tooMany.left.code).toBe('INSUFFICIENT_CREDITS');
  });

  it('a refused debit moves nothing on either side', async () => {
    const { store, handler, give } = setup();
    await give('mum', 1);
    const size = store.size;
    const result = await transferCredits(handler, request, { at: AT });
    expect(isLeft(result) && result.left.code).toBe('INSUFFICIENT_CREDITS');
    expect(store.size).toBe(size);
    const self = await transferCredits(handler, { ...request, toClientId: 'mum' }, { at: AT });
    expect(isLeft(self) && self.left.code).toBe('TRANSFER_TO_SELF');
  });
});
