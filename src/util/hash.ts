/**
 * Hashing shared by the trained models' feature tables and the near-duplicate sketches.
 * The functions must never change: the shipped models store features by these hashes.
 */

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser, never 0 (0 marks an empty slot in the models' tables). */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

/** Feature keys of one, two or three hashed parts for a feature template `t`, salted per model family. */
export interface KeyMakers {
  readonly key1: (t: number, a: number) => number;
  readonly key2: (t: number, a: number, b: number) => number;
  readonly key3: (t: number, a: number, b: number, c: number) => number;
}

/** Key makers with their own salt, so that two models' templates never share keys. */
export function keyMakers(salt: number): KeyMakers {
  const seed = (t: number): number => Math.imul(t + salt, 0x9e3779b1) >>> 0;
  return {
    key1: (t, a) => fmix((a + seed(t)) >>> 0),
    key2: (t, a, b) => fmix((Math.imul(a, 0x27d4eb2d) ^ b ^ seed(t)) >>> 0),
    key3: (t, a, b, c) => fmix((Math.imul(Math.imul(a, 0x27d4eb2d) ^ b, 0x165667b1) ^ c ^ seed(t)) >>> 0),
  };
}
