/**
 * The two ways to reach PostgreSQL: `pg` for a server (a connection pool) and PGlite for
 * an embedded database in a directory (or in memory) that needs no server. The stores
 * speak to either through this small interface, with the same SQL.
 */
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

/** A row as the driver returns it; the stores read each field with a checked accessor. */
export type SqlRow = Readonly<Record<string, unknown>>;

export interface SqlExecutor {
  /** One statement with `$1`-style parameters (strings, numbers, arrays of strings, null). */
  readonly query: (sql: string, params?: readonly unknown[]) => Promise<readonly SqlRow[]>;
  /** Statements without parameters, separated by semicolons (migrations). */
  readonly exec: (sql: string) => Promise<void>;
}

export interface SqlDriver extends SqlExecutor {
  /** `pg` (a server) or `pglite` (embedded). */
  readonly kind: 'pg' | 'pglite';
  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  readonly transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => Promise<T>;
  /** Releases what the driver opened itself; a pool or database handed in is left open. */
  readonly close: () => Promise<void>;
}

export type PgConnection =
  | {
      /** `postgresql://user:password@host:5432/database` */
      readonly connectionString: string;
      /** Most connections the pool opens. @defaultValue 10 */
      readonly maxConnections?: number;
    }
  | {
      /** A pool the application owns (and closes). */
      readonly pool: pg.Pool;
    };

// A statement with parameters is prepared once per connection (by name) and then only
// bound and executed: the server does not parse and plan an append again for each event.
// Names are per statement text and process-wide, so drivers sharing a pool agree on them.
const statementNames = new Map<string, string>();
const statementName = (sql: string): string => {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `practice_ledger_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
};

/** A driver over a PostgreSQL server through a `pg` pool. */
export const pgDriver = (connection: PgConnection): SqlDriver => {
  const owned = !('pool' in connection);
  const pool =
    'pool' in connection
      ? connection.pool
      : new pg.Pool({ connectionString: connection.connectionString, max: connection.maxConnections ?? 10 });
  // An idle connection the server drops emits 'error' on the pool; the next query
  // reconnects (or fails loudly), so the event itself must not crash the process.
  if (owned) pool.on('error', () => undefined);
  const run = async (client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[] = []): Promise<readonly SqlRow[]> => {
    const result = params.length === 0 ? await client.query<SqlRow>(sql) : await client.query<SqlRow>({ name: statementName(sql), text: sql, values: [...params] });
    return result.rows;
  };
  // Without parameters, pg sends the simple protocol, which accepts several statements.
  const exec = async (client: pg.Pool | pg.PoolClient, sql: string): Promise<void> => {
    await client.query(sql);
  };
  return {
    kind: 'pg',
    query: (sql, params) => run(pool, sql, params),
    exec: (sql) => exec(pool, sql),
    transaction: async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => run(client, sql, params), exec: (sql) => exec(client, sql) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      if (owned) await pool.end();
    },
  };
};

export type PGliteConnection =
  | {
      /** A directory for the database files, or `memory://` for a database that lives in memory. */
      readonly dataDir: string;
    }
  | {
      /** A PGlite database the application owns (and closes). */
      readonly db: PGlite;
    };

/** A driver over an embedded PGlite database. */
export const pgliteDriver = async (connection: PGliteConnection): Promise<SqlDriver> => {
  const owned = !('db' in connection);
  const db = 'db' in connection ? connection.db : await PGlite.create(connection.dataDir);
  return {
    kind: 'pglite',
    query: async (sql, params = []) => (await db.query<SqlRow>(sql, [...params])).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async (sql, params = []) => (await tx.query<SqlRow>(sql, [...params])).rows,
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    close: async () => {
      if (owned) await db.close();
    },
  };
};

/** Reads a text column. */
export const textField = (row: SqlRow, column: string): string => {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`Column "${column}" is not text (${typeof value})`);
  return value;
};

/** Reads a bigint column selected as text (`revision::text`), so both drivers agree. */
export const bigintField = (row: SqlRow, column: string): bigint => BigInt(textField(row, column));

/** Reads a nullable bigint column selected as text. */
export const optionalBigintField = (row: SqlRow, column: string): bigint | undefined =>
  row[column] === null || row[column] === undefined ? undefined : bigintField(row, column);

/** Reads an integer column. */
export const intField = (row: SqlRow, column: string): number => {
  const value = row[column];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`Column "${column}" is not an integer`);
  return value;
};
