/**
 * Persistent (immutable) collections for states and read models that grow with the log:
 * `set` and `append` return a new collection and leave the old one as it was, so a fold can
 * start again from any earlier state (a decider's initial state, a spec's `given`).
 *
 * They are built for folds: the newest version shares one mutable store with the versions
 * before it and records each change with a version number, so updating the newest version
 * costs O(1) and never copies. Reading an older version sees only the changes up to it.
 * Updating an older version (a fork) first copies what that version sees, so the newer
 * versions are never disturbed.
 */

interface Node<V> {
  readonly version: number;
  readonly present: boolean;
  readonly value: V | undefined;
  readonly prev: Node<V> | undefined;
}

interface MapStore<K, V> {
  head: number;
  readonly nodes: Map<K, Node<V>>;
}

/** An immutable map; `set` and `delete` return a new map. */
export class PersistentMap<K, V> implements Iterable<readonly [K, V]> {
  private constructor(
    private readonly store: MapStore<K, V>,
    private readonly version: number,
    /** Number of keys in this version. */
    readonly size: number,
  ) {}

  /** The empty map. */
  static empty<K, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>({ head: 0, nodes: new Map() }, 0, 0);
  }

  /** A map holding the given entries (later entries win). */
  static of<K, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    let map = PersistentMap.empty<K, V>();
    for (const [k, v] of entries) map = map.set(k, v);
    return map;
  }

  private visible(key: K): Node<V> | undefined {
    let node = this.store.nodes.get(key);
    while (node !== undefined && node.version > this.version) node = node.prev;
    return node !== undefined && node.present ? node : undefined;
  }

  get(key: K): V | undefined {
    return this.visible(key)?.value;
  }

  has(key: K): boolean {
    return this.visible(key) !== undefined;
  }

  set(key: K, value: V): PersistentMap<K, V> {
    const had = this.has(key);
    return this.write(key, { present: true, value }, had ? this.size : this.size + 1);
  }

  delete(key: K): PersistentMap<K, V> {
    if (!this.has(key)) return this;
    return this.write(key, { present: false, value: undefined }, this.size - 1);
  }

  /** `set(key, f(get(key)))`. */
  update(key: K, f: (value: V | undefined) => V): PersistentMap<K, V> {
    return this.set(key, f(this.get(key)));
  }

  private write(key: K, change: { present: boolean; value: V | undefined }, size: number): PersistentMap<K, V> {
    const store = this.store.head === this.version ? this.store : this.fork();
    const version = store.head + 1;
    store.head = version;
    store.nodes.set(key, { version, present: change.present, value: change.value, prev: store.nodes.get(key) });
    return new PersistentMap(store, version, size);
  }

  /** A store of its own holding what this version sees, at version 0. */
  private fork(): MapStore<K, V> {
    const nodes = new Map<K, Node<V>>();
    if (this.size > 0) {
      for (const [key, value] of this) nodes.set(key, { version: 0, present: true, value, prev: undefined });
    }
    // The new store's head is 0: `write` bumps it to 1 for the change that forked it.
    return { head: 0, nodes };
  }

  *entries(): IterableIterator<readonly [K, V]> {
    for (const key of this.store.nodes.keys()) {
      const node = this.visible(key);
      if (node !== undefined) yield [key, node.value as V];
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
