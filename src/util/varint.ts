/**
 * Sorted 32-bit keys written as the varints of their differences: the feature tables of the
 * shipped models are stored so (small, and gzip shrinks them further).
 */

/** Delta-varint bytes of ascending keys. */
export function varints(keys: Uint32Array): Uint8Array {
  const out = new Uint8Array(keys.length * 5);
  let o = 0;
  let prev = 0;
  for (let i = 0; i < keys.length; i++) {
    let d = keys[i] - prev;
    prev = keys[i];
    while (d >= 0x80) {
      out[o++] = (d & 0x7f) | 0x80;
      d = Math.floor(d / 128);
    }
    out[o++] = d;
  }
  return out.subarray(0, o);
}

/** The keys back from {@link varints}' bytes. */
export function unvarints(b: Uint8Array, n: number): Uint32Array {
  const keys = new Uint32Array(n);
  let o = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    let mul = 1;
    for (;;) {
      const x = b[o++];
      d += (x & 0x7f) * mul;
      if (x < 0x80) break;
      mul *= 128;
    }
    prev += d;
    keys[i] = prev;
  }
  return keys;
}
