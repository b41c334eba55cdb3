/**
 * Persistent (immutable) collections for states and read models that grow with the log:
 * `set` and `append` return a new collection and leave the old one as it was, so a fold can
 * start again from any earlier state (a decider's initial state, a spec's `given`).
 *
 * They are built for folds. The newest version of a map owns one mutable `Map`; an update
 * changes it in O(1) and turns the version it was made from into a note of the one value
 * that changed, pointing to the newer version (Baker's trick). An older version reads
 * through those notes, so it still sees exactly what it held; and once a fold lets go of
 * its older versions, their notes are garbage — nothing accumulates. Updating an older
 * version (a fork) first copies what that version sees, so newer versions are never
 * disturbed. An empty map is never linked to the maps made from it, so an initial state
 * kept for ever holds on to nothing.
 */

/** An immutable map; `set` and `delete` return a new map. */
export class PersistentMap<K, V> implements Iterable<readonly [K, V]> {
  // For an older version: the newer version it was updated into, the key that changed on
  // the way and its value here. `next` is undefined for the newest, which owns `newest`.
  private next: PersistentMap<K, V> | undefined = undefined;
  private noteKey: K | undefined = undefined;
  private noteValue: V | undefined = undefined;
  private notePresent = false;

  private constructor(
    private readonly newest: Map<K, V>,
    /** Number of keys in this version. */
    readonly size: number,
  ) {}

  /** The empty map. */
  static empty<K, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>(new Map(), 0);
  }

  /** A map holding the given entries (later entries win). */
  static of<K, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    const map = new Map<K, V>();
    for (const [k, v] of entries) map.set(k, v);
    return new PersistentMap(map, map.size);
  }

  /** The older version whose note decides `key` for this one, or `undefined` when the newest map does. */
  private noteFor(key: K): PersistentMap<K, V> | undefined {
    for (let v: PersistentMap<K, V> = this; v.next !== undefined; v = v.next) {
      if (v.noteKey === key) return v;
    }
    return undefined;
  }

  get(key: K): V | undefined {
    if (this.next === undefined) return this.newest.get(key);
    const note = this.noteFor(key);
    if (note === undefined) return this.newest.get(key);
    return note.notePresent ? note.noteValue : undefined;
  }

  has(key: K): boolean {
    if (this.next === undefined) return this.newest.has(key);
    const note = this.noteFor(key);
    return note === undefined ? this.newest.has(key) : note.notePresent;
  }

  set(key: K, value: V): PersistentMap<K, V> {
    return this.write(key, true, value);
  }

  delete(key: K): PersistentMap<K, V> {
    return this.has(key) ? this.write(key, false, undefined) : this;
  }

  /** `set(key, f(get(key)))`. */
  update(key: K, f: (value: V | undefined) => V): PersistentMap<K, V> {
    return this.set(key, f(this.get(key)));
  }

  private write(key: K, present: boolean, value: V | undefined): PersistentMap<K, V> {
    // An empty map (an initial state, kept for ever) is never linked to the maps made from it.
    if (this.size === 0) return new PersistentMap(present ? new Map([[key, value as V]]) : new Map(), present ? 1 : 0);
    if (this.next !== undefined) {
      // A fork from an older version: it gets a map of its own.
      const own = new Map(this.entries());
      if (present) own.set(key, value as V);
      else own.delete(key);
      return new PersistentMap(own, own.size);
    }
    const map = this.newest;
    const before = map.get(key);
    const had = before !== undefined || map.has(key);
    const newer = new PersistentMap<K, V>(map, this.size + (present ? 1 : 0) - (had ? 1 : 0));
    this.noteKey = key;
    this.notePresent = had;
    this.noteValue = before;
    this.next = newer;
    if (present) map.set(key, value as V);
    else map.delete(key);
    return newer;
  }

  *entries(): IterableIterator<readonly [K, V]> {
    if (this.next === undefined) {
      yield* this.newest.entries();
      return;
    }
    // The notes nearest to this version win; keys deleted later come from the notes.
    const notes = new Map<K, PersistentMap<K, V>>();
    for (let v: PersistentMap<K, V> = this; v.next !== undefined; v = v.next) {
      if (!notes.has(v.noteKey as K)) notes.set(v.noteKey as K, v);
    }
    for (const [key, value] of this.newest) {
      const note = notes.get(key);
      if (note === undefined) yield [key, value];
      else if (note.notePresent) yield [key, note.noteValue as V];
    }
    for (const [key, note] of notes) {
      if (note.notePresent && !this.newest.has(key)) yield [key, note.noteValue as V];
    }
  }

  *keys(): IterableIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<readonly [K, V]> {
    return this.entries();
  }
}

interface ListStore<T> {
  readonly items: T[];
}

/** An immutable append-only list; `append` returns a new list. */
export class PersistentList<T> implements Iterable<T> {
  private constructor(
    private readonly store: ListStore<T>,
    /** Number of items in this version. */
    readonly length: number,
  ) {}

  static empty<T>(): PersistentList<T> {
    return new PersistentList<T>({ items: [] }, 0);
  }

  append(item: T): PersistentList<T> {
    const store = this.store.items.length === this.length ? this.store : { items: this.store.items.slice(0, this.length) };
    store.items.push(item);
    return new PersistentList(store, this.length + 1);
  }

  get(index: number): T | undefined {
    return index >= 0 && index < this.length ? this.store.items[index] : undefined;
  }

  /** The last item, if any. */
  last(): T | undefined {
    return this.get(this.length - 1);
  }

  toArray(): readonly T[] {
    return this.store.items.slice(0, this.length);
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.length; i++) yield this.store.items[i] as T;
  }
}
