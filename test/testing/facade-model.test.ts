/**
 * The Promise facade against a reference model of balances and statuses (fast-check
 * `commands`): over the in-memory store, and over PGlite.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createInMemoryEventStore } from '../../adapters/in-memory/index.js';
import { createPGliteEventStore, pgliteDriver, type SqlDriver } from '../../adapters/postgres/index.js';
import { practiceEvents } from '../../core/events.js';
import { checkFacadeAgainstModel } from '../../testing/index.js';

describe('the Promise facade against a reference model', () => {
  it('agrees with the model over the in-memory store, after every command', async () => {
    await checkFacadeAgainstModel({ store: () => createInMemoryEventStore(practiceEvents), numRuns: 150 });
  });

  describe('over PGlite', () => {
    let driver: SqlDriver;
    let n = 0;
    beforeAll(async () => {
      driver = await pgliteDriver({ dataDir: 'memory://' });
    });
    afterAll(async () => {
      await driver.close();
    });
    it('agrees with the model over PGlite', async () => {
      await checkFacadeAgainstModel({ store: () => createPGliteEventStore(practiceEvents, { driver, schema: `model_${++n}` }), numRuns: 8, maxCommands: 20 });
    });
  });
});
