/**
 * Commands from a platform are untrusted: each command type has an io-ts codec, and
 * `decodeCommand` dispatches on `type` first so that a failure names the field of the
 * command that was meant, not of every command it was not. A command the codec accepts is
 * then held to the limits of untrusted input (`limits.ts`: no control characters, no
 * absurd numbers or dates, no prototype-polluting keys).
 */
import * as t from 'io-ts';
import { left, right, isLeft, type Either } from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from './errors.js';
import { describeValidation } from './validation.js';
import { commandLimitBreach } from './limits.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodec = t.Type<any, unknown, unknown>;

/** The command union described by a map from command type to the codec of its fields. */
export type CommandOf<M extends Readonly<Record<string, AnyCodec>>> = {
  [K in keyof M & string]: { readonly type: K } & t.TypeOf<M[K]>;
}[keyof M & string];

export interface CommandDecoder<C> {
  readonly types: readonly string[];
  readonly decode: (input: unknown) => Either<DomainError, C>;
}

/** A decoder for the commands `{ type: K, ...fields }` whose fields `codecs[K]` describes. */
export const commandDecoder = <M extends Readonly<Record<string, AnyCodec>>>(codecs: M): CommandDecoder<CommandOf<M>> => {
  const types = Object.keys(codecs);
  const decode = (input: unknown): Either<DomainError, CommandOf<M>> => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return left(domainError('INVALID_COMMAND', 'A command must be an object with a "type" field.', { field: 'type' }));
    }
    const type = (input as { type?: unknown }).type;
    const codec = typeof type === 'string' && Object.hasOwn(codecs, type) ? codecs[type] : undefined;
    if (typeof type !== 'string' || codec === undefined) {
      return left(
        domainError('UNKNOWN_COMMAND', `"${String(type).slice(0, 60)}" is not a command; expected one of ${types.join(', ')}.`, {
          field: 'type',
        }),
      );
    }
    const result = codec.decode(input);
    if (isLeft(result)) {
      const { field, reason } = describeValidation(result.left);
      return left(domainError('INVALID_COMMAND', `${type}: "${field || 'command'}" ${reason}.`, { field: field || 'command' }));
    }
    const breach = commandLimitBreach(result.right);
    if (breach !== undefined) {
      return left(domainError('INVALID_COMMAND', `${type}: "${breach.field}" ${breach.reason}.`, { field: breach.field }));
    }
    // The codec registered for `type` accepted the input, so it is that member of the union.
    return right({ ...result.right, type } as CommandOf<M>);
  };
  return { types, decode };
};

/** Decodes untrusted input with one codec, naming the field on failure. */
export const decodeWith = <A>(codec: t.Type<A, unknown, unknown>, input: unknown, what: string): Either<DomainError, A> => {
  const result = codec.decode(input);
  if (isLeft(result)) {
    const { field, reason } = describeValidation(result.left);
    return left(domainError('INVALID_INPUT', `${what}: "${field || what}" ${reason}.`, { field: field || what }));
  }
  return right(result.right);
};
