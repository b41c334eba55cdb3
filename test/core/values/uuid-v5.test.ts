import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { v5 } from 'uuid';
import { deriveEventId, deriveId, PRACTICE_LEDGER_NAMESPACE } from '../../../core/values/ids.js';
import { uuidV5In } from '../../../core/values/uuid-v5.js';

describe('uuid v5 (name-based ids)', () => {
  it('gives the RFC example and the ids derived before', () => {
    // RFC 9562, appendix A.4: "www.example.com" in the DNS namespace.
    expect(uuidV5In('6ba7b810-9dad-11d1-80b4-00c04fd430c8')('www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(deriveId('cmd-1', 'credits-c42/0')).toBe(v5('cmd-1/credits-c42/0', PRACTICE_LEDGER_NAMESPACE));
  });

  it('law: the same uuid as the uuid package, for any name (ASCII, any Unicode, long ones over several SHA-1 blocks)', () => {
    const names = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary-ascii', minLength: 40, maxLength: 140 }),
    );
    fc.assert(
      fc.property(fc.uuid(), names, (namespace, name) => {
        expect(uuidV5In(namespace)(name)).toBe(v5(name, namespace));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a namespace that is not a uuid', () => {
    expect(() => uuidV5In('not-a-uuid')).toThrow(TypeError);
  });
});

describe('derived ids', () => {
  it('law: a name given in parts has the id of the joined name', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { minLength: 1, maxLength: 5 }), (parts) => {
        const [first = '', ...more] = parts;
        expect(uuidV5In(PRACTICE_LEDGER_NAMESPACE)(first, ...more)).toBe(v5(parts.join(''), PRACTICE_LEDGER_NAMESPACE));
      }),
    );
  });

  it("law: an event's id is the id derived from its command for `<stream>/<index>`", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(1000), (commandId, streamName, index) => {
        expect(deriveEventId(commandId, streamName, index)).toBe(deriveId(commandId, `${streamName}/${index}`));
        expect(deriveId(commandId, `${streamName}/${index}`)).toBe(v5(`${commandId}/${streamName}/${index}`, PRACTICE_LEDGER_NAMESPACE));
      }),
    );
  });
});
