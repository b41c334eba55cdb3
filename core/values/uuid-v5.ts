/**
 * Name-based uuids (RFC 9562 version 5: SHA-1 of a namespace and a name), computed in
 * plain JavaScript. Every event the command handler writes gets one (derived from its
 * command), so this is on the hot path: the generic implementation costs a native hash
 * object, a namespace parse and a byte copy per id, which made the event ids a tenth of
 * the handler's time. Here the namespace is parsed once, an ASCII name is packed straight
 * into the message words (a name given in parts is never joined), the SHA-1 rounds run on
 * 32-bit integers and the text is made in one piece; the result is the same uuid, byte for
 * byte (checked against the `uuid` package by a law in the tests).
 */

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => (i + 0x100).toString(16).slice(1));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The 16 bytes of a uuid as four big-endian 32-bit words. */
const uuidWords = (uuid: string): readonly [number, number, number, number] => {
  if (!UUID.test(uuid)) throw new TypeError(`"${uuid}" is not a uuid`);
  const hex = uuid.replace(/-/g, '');
  const word = (i: number): number => Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16) | 0;
  return [word(0), word(1), word(2), word(3)];
};

const utf8 = new TextEncoder();

// Reused between calls: an id is computed synchronously, start to end.
let message = new Int32Array(64);
const schedule = new Int32Array(80);

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** The first four words of the last digest (an id needs 128 of its 160 bits). */
const digest = new Int32Array(4);

/** SHA-1 over the first `length` bytes packed in `message`; its first four words go to `digest`. */
const sha1Words = (length: number): void => {
  const blocks = ((length + 8) >> 6) + 1;
  const total = blocks * 16;
  message[length >> 2] = (message[length >> 2] as number) | (0x80 << (24 - (length & 3) * 8));
  message[total - 1] = length * 8;
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  const w = schedule;
  for (let offset = 0; offset < total; offset += 16) {
    for (let t = 0; t < 16; t++) w[t] = message[offset + t] as number;
    for (let t = 16; t < 80; t++) w[t] = rotl((w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number), 1);
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let next: number;
    for (let t = 0; t < 20; t++) {
      next = (rotl(a, 5) + ((b & c) | (~b & d)) + e + 0x5a827999 + (w[t] as number)) | 0;
      e = d; d = c; c = rotl(b, 30); b = a; a = next;
    }
    for (let t = 20; t < 40; t++) {
      next = (rotl(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + (w[t] as number)) | 0;
      e = d; d = c; c = rotl(b, 30); b = a; a = next;
    }
    for (let t = 40; t < 60; t++) {
      next = (rotl(a, 5) + ((b & c) | (b & d) | (c & d)) + e + (0x8f1bbcdc | 0) + (w[t] as number)) | 0;
      e = d; d = c; c = rotl(b, 30); b = a; a = next;
    }
    for (let t = 60; t < 80; t++) {
      next = (rotl(a, 5) + (b ^ c ^ d) + e + (0xca62c1d6 | 0) + (w[t] as number)) | 0;
      e = d; d = c; c = rotl(b, 30); b = a; a = next;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  digest[0] = h0;
  digest[1] = h1;
  digest[2] = h2;
  digest[3] = h3;
};

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** The hex digit (as a char code) of the 4 bits of `word` at `shift`. */
const digit = (word: number, shift: number): number => HEX_CODES[(word >>> shift) & 15] as number;

/** The canonical text of a uuid whose first 128 bits are `h0`…`h3`, made in one piece. */
const uuidText = (h0: number, h1: number, h2: number, h3: number): string =>
  String.fromCharCode(
    digit(h0, 28), digit(h0, 24), digit(h0, 20), digit(h0, 16), digit(h0, 12), digit(h0, 8), digit(h0, 4), digit(h0, 0), 45,
    digit(h1, 28), digit(h1, 24), digit(h1, 20), digit(h1, 16), 45, digit(h1, 12), digit(h1, 8), digit(h1, 4), digit(h1, 0), 45,
    digit(h2, 28), digit(h2, 24), digit(h2, 20), digit(h2, 16), 45, digit(h2, 12), digit(h2, 8), digit(h2, 4), digit(h2, 0),
    digit(h3, 28), digit(h3, 24), digit(h3, 20), digit(h3, 16), digit(h3, 12), digit(h3, 8), digit(h3, 4), digit(h3, 0),
  );

const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};

/** The number of UTF-8 bytes of a part, and its bytes when it is not ASCII. */
const utf8Of = (part: string): Uint8Array | undefined => (isAscii(part) ? undefined : utf8.encode(part));

/** Packs bytes into the message words from byte `at`; returns the byte after them. */
const packPart = (part: string, bytes: Uint8Array | undefined, at: number): number => {
  if (bytes === undefined) {
    for (let i = 0; i < part.length; i++) {
      const p = at + i;
      message[p >> 2] = (message[p >> 2] as number) | (part.charCodeAt(i) << (24 - (p & 3) * 8));
    }
    return at + part.length;
  }
  for (let i = 0; i < bytes.length; i++) {
    const p = at + i;
    message[p >> 2] = (message[p >> 2] as number) | ((bytes[i] as number) << (24 - (p & 3) * 8));
  }
  return at + bytes.length;
};

/**
 * A function computing the version 5 uuid, in `namespace` (itself a uuid), of a name that
 * may be given in parts put end to end: `id(a, b, c)` is `id(a + b + c)`, without building
 * the joined string.
 */
export const uuidV5In = (namespace: string): ((name: string, ...more: readonly string[]) => string) => {
  const [n0, n1, n2, n3] = uuidWords(namespace);
  return (name, ...more) => {
    const first = utf8Of(name);
    let length = 16 + (first === undefined ? name.length : first.length);
    // The bytes of the parts that are not ASCII (an ASCII part is packed from its text).
    let rest: (Uint8Array | undefined)[] | undefined;
    for (let i = 0; i < more.length; i++) {
      const part = more[i] as string;
      const bytes = utf8Of(part);
      if (bytes !== undefined) (rest ??= [])[i] = bytes;
      length += bytes === undefined ? part.length : bytes.length;
    }
    const total = (((length + 8) >> 6) + 1) * 16;
    if (message.length < total) message = new Int32Array(total * 2);
    message.fill(0, 0, total);
    message[0] = n0;
    message[1] = n1;
    message[2] = n2;
    message[3] = n3;
    let at = packPart(name, first, 16);
    for (let i = 0; i < more.length; i++) at = packPart(more[i] as string, rest?.[i], at);
    sha1Words(length);
    const h0 = digest[0] as number;
    const h1 = digest[1] as number;
    const h2 = digest[2] as number;
    const h3 = digest[3] as number;
    return uuidText(h0, (h1 & 0xffff0fff) | 0x5000, (h2 & 0x3fffffff) | 0x80000000, h3); // version 5, RFC variant
  };
};
