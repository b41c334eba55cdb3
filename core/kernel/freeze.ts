/**
 * Events are facts: once decided, nothing may change them. The command handler freezes the
 * events it appends and returns, so a store can keep them as they are instead of copying
 * them, and a caller who holds a result cannot rewrite history by accident.
 */

/**
 * Freezes `value` and every object and array reachable from it that is not frozen yet, and
 * returns it. An object already frozen is taken as it is (its contents are not visited).
 */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    const fields = value as Record<string, unknown>;
    for (const key in fields) deepFreeze(fields[key]);
  }
  return value;
};
