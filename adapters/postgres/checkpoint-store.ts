/**
 * Projection checkpoints in PostgreSQL: the read model (as JSON text) and the position of
 * the last event folded into it are one row, written by one statement — atomically — and
 * only if the row is still at the position the runner started the batch from.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { CheckpointConflict, CheckpointDecodeError, type CheckpointStore, type ModelCodec } from '../../projections/checkpoints.js';
import { bigintField, textField, type SqlDriver } from './driver.js';
import { DEFAULT_SCHEMA, prepareSchema, quoteSchema } from './schema.js';

export interface PostgresCheckpointStoreOptions<M> {
  /** The connection (a `PostgresEventStore` has one: pass the store itself). */
  readonly driver: SqlDriver;
  /** @defaultValue `'practice_ledger'` */
  readonly schema?: string;
  /** Apply missing migrations first; `false` only checks them. @defaultValue `true` */
  readonly migrate?: boolean;
  /** Encodes the read model as JSON-ready data and decodes it back. */
  readonly codec: ModelCodec<M>;
}

export const createPostgresCheckpointStore = async <M>(options: PostgresCheckpointStoreOptions<M>): Promise<CheckpointStore<M>> => {
  const { driver, codec } = options;
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const s = quoteSchema(schema);
  await prepareSchema(driver, schema, options.migrate ?? true);
  return {
    load: async (projection) => {
      const [row] = await driver.query(`SELECT position::text AS position, model FROM ${s}.projections WHERE name = $1`, [projection]);
      if (row === undefined) return undefined;
      let json: unknown;
      try {
        json = JSON.parse(textField(row, 'model'));
      } catch (error) {
        throw new CheckpointDecodeError(projection, `not JSON: ${(error as Error).message}`);
      }
      const model = codec.decode(json);
      if (isLeft(model)) throw new CheckpointDecodeError(projection, 'the codec refused it');
      return { position: bigintField(row, 'position'), model: model.right };
    },
    save: async (projection, checkpoint, previous) => {
      const model = JSON.stringify(codec.encode(checkpoint.model));
      const rows =
        previous === undefined
          ? await driver.query(
              `INSERT INTO ${s}.projections (name, position, model) VALUES ($1, $2::bigint, $3)
                 ON CONFLICT (name) DO NOTHING RETURNING name`,
              [projection, checkpoint.position.toString(), model],
            )
          : await driver.query(
              `UPDATE ${s}.projections SET position = $2::bigint, model = $3, updated_at = now()
                 WHERE name = $1 AND position = $4::bigint RETURNING name`,
              [projection, checkpoint.position.toString(), model, previous.toString()],
            );
      if (rows.length !== 1) throw new CheckpointConflict(projection, previous);
    },
    reset: async (projection) => {
      await driver.query(`DELETE FROM ${s}.projections WHERE name = $1`, [projection]);
    },
  };
};
