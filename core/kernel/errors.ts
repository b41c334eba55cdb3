/**
 * Errors. A rule violation is a `DomainError` value (never thrown) with a stable `code`
 * and a sentence for a person. Failures of the infrastructure — a revision conflict, a
 * stream that is not there, a stored event that cannot be decoded — are thrown as the
 * typed errors below, each naming what a person needs to find the cause.
 */

/** A refused command: a stable `code`, a sentence, and the field at fault when there is one. */
export interface DomainError {
  readonly code: string;
  readonly message: string;
  /** Path of the offending input field (`booking.appointmentType`), for validation errors. */
  readonly field?: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export const domainError = (
  code: string,
  message: string,
  extra: { readonly field?: string | undefined; readonly details?: DomainError['details'] | undefined } = {},
): DomainError => ({
  code,
  message,
  ...(extra.field !== undefined ? { field: extra.field } : {}),
  ...(extra.details !== undefined ? { details: extra.details } : {}),
});

/** Whether a thrown or rejected value is a `DomainError` (for Promise users). */
export const isDomainError = (u: unknown): u is DomainError =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as { code?: unknown }).code === 'string' &&
  typeof (u as { message?: unknown }).message === 'string';

/** The `DomainError` a Promise rejects with: a real `Error` (with a stack) carrying the code. */
export class DomainErrorException extends Error {
  readonly code: string;
  readonly field?: string;
  readonly details?: NonNullable<DomainError['details']>;
  constructor(error: DomainError) {
    super(error.message);
    this.name = 'DomainError';
    this.code = error.code;
    if (error.field !== undefined) this.field = error.field;
    if (error.details !== undefined) this.details = error.details;
  }
}

export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

const describeExpected = (e: ExpectedRevision): string =>
  typeof e === 'bigint' ? `revision ${e}` : e.replace('_', ' ');

/** The stream was not at the revision the append expected. */
export class WrongExpectedRevision extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or `'no_stream'` when it has no events. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `Stream "${streamName}" was expected at ${describeExpected(expected)} but is at ${
        actual === 'no_stream' ? 'no stream' : `revision ${actual}`
      }`,
    );
    this.name = 'WrongExpectedRevision';
  }
}

export class StreamNotFound extends Error {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamName: string) {
    super(`Stream "${streamName}" does not exist`);
    this.name = 'StreamNotFound';
  }
}

/** A stored event that cannot be read: names the stream, the revision and the field. */
export class EventDecodeError extends Error {
  readonly code = 'EVENT_DECODE_ERROR';
  constructor(
    readonly streamName: string,
    readonly revision: bigint,
    /** The path of the bad field (`data.quantity`, `type`, `schemaVersion`), or `data` for unparsable JSON. */
    readonly field: string,
    readonly reason: string,
    readonly eventType?: string,
  ) {
    super(`Event at revision ${revision} of stream "${streamName}" cannot be decoded: ${field} ${reason}`);
    this.name = 'EventDecodeError';
  }
}
