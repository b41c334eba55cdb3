/**
 * Turning io-ts validation failures into sentences that name the field: untrusted input
 * (a platform's command, a stored event) is decoded at the edge and a failure says which
 * field is wrong and why.
 */
import * as t from 'io-ts';

const WRAPPERS = new Set(['IntersectionType', 'UnionType', 'ExactType', 'RefinementType', 'ReadonlyType']);

/** The dotted path of the field a validation error is about (`lines.0.amount`); '' for the root. */
export const fieldPath = (error: t.ValidationError): string => {
  const keys: string[] = [];
  error.context.forEach((entry, i) => {
    if (i === 0) return;
    const parent = error.context[i - 1]?.type as { _tag?: string } | undefined;
    if (parent?._tag !== undefined && WRAPPERS.has(parent._tag) && /^\d+$/.test(entry.key)) return;
    keys.push(entry.key);
  });
  return keys.join('.');
};

const describeValue = (u: unknown): string => {
  if (u === undefined) return 'missing';
  if (typeof u === 'string') {
    const shown = JSON.stringify(u.length > 40 ? `${u.slice(0, 40)}…` : u);
    return `got ${shown}`;
  }
  if (typeof u === 'number' || typeof u === 'boolean' || u === null) return `got ${String(u)}`;
  return `got ${Array.isArray(u) ? 'a list' : `a ${typeof u}`}`;
};

/** One sentence for the first error: `"quantity" must be PositiveInteger (got -3)`. */
export const describeValidation = (errors: t.Errors): { readonly field: string; readonly reason: string } => {
  const first = errors[0];
  if (first === undefined) return { field: '', reason: 'is invalid' };
  const field = fieldPath(first);
  const last = first.context[first.context.length - 1];
  const value = first.value;
  if (first.message !== undefined) return { field, reason: `${first.message} (${describeValue(value)})` };
  if (value === undefined) return { field, reason: 'is missing' };
  return { field, reason: `must be ${last?.type.name ?? 'valid'} (${describeValue(value)})` };
};
