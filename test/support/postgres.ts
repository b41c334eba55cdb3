/** Helpers for the tests that run against the PostgreSQL server started by `postgres-server.ts`. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** The connection string of the test server. */
export const postgresUrl = (): string => inject('postgresUrl');

/** A schema name no other test uses: each store under test starts empty. */
export const uniqueSchema = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;
