/**
 * Near-duplicate detection: MinHash signatures over word shingles, and LSH bands that put
 * likely duplicates in the same bucket. Plain functions over text; the store keeps the
 * buckets and groups.
 */

/** Words per shingle. */
export const SHINGLE = 5;
/** Hash functions in a signature. */
export const HASHES = 128;
/** LSH bands (rows per band = HASHES / BANDS); 32 × 4 finds pairs of Jaccard 0.5 with p ≈ 0.87, 0.6 with p ≈ 0.99. */
export const BANDS = 32;
/** Estimated Jaccard similarity from which two articles are near duplicates. */
export const NEAR_DUPLICATE = 0.5;

const ROWS = HASHES / BANDS;

/** A 32-bit mixer (murmur3 finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

/**
 * MinHash signature of a text over lower-cased word shingles: for each hash function, the least
 * hash of any shingle, where a shingle's hash is FNV-1a of its words joined by spaces.
 * @example jaccard(signature('a b c d e f'), signature('a b c d e f')) === 1
 */
export function signature(text: string): Uint32Array {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const n = Math.max(1, words.length - SHINGLE + 1);
  const last = Math.min(SHINGLE, words.length);
  for (let i = 0; i < n; i++) {
    // fnv1a(words.slice(i, i + SHINGLE).join(' ')), without making the string.
    let base = 0x811c9dc5;
    for (let w = 0; w < last; w++) {
      if (w > 0) base = Math.imul(base ^ 0x20, 0x01000193);
      const word = words[i + w];
      for (let c = 0; c < word.length; c++) base = Math.imul(base ^ word.charCodeAt(c), 0x01000193);
    }
    base >>>= 0;
    for (let k = 0; k < HASHES; k++) {
      // mix(base ^ SEEDS[k]), inlined.
      let h = base ^ SEEDS[k];
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

/**
 * Estimated Jaccard similarity of the shingle sets behind two signatures.
 * @example jaccard(signature('x'), signature('y')) === 0
 */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/**
 * The LSH bucket of each band: band number × 2^32 + a hash of the band's rows (a safe integer).
 * @example bands(signature('some text')).length === BANDS
 */
export function bands(sig: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]);
    out.push(b * 2 ** 32 + h);
  }
  return out;
}

/** A signature as bytes for storage, and back. */
export const sigToBytes = (sig: Uint32Array): Uint8Array => new Uint8Array(sig.buffer.slice(sig.byteOffset, sig.byteOffset + sig.byteLength));
export const sigFromBytes = (bytes: Uint8Array): Uint32Array => new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
