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

/**
 * The seed a family's keys mix in for template `t` (`salt` as for {@link keyMakers}): code that
 * hashes many keys of one template computes it once and calls {@link mix2} / {@link mix3}.
 */
export const templateSeed = (salt: number, t: number): number => Math.imul(t + salt, 0x9e3779b1) >>> 0;

/** The key of two parts for a template seed: `mix2(templateSeed(salt, t), a, b)` is `keyMakers(salt).key2(t, a, b)`. */
export function mix2(seed: number, a: number, b: number): number {
  return fmix((Math.imul(a, 0x27d4eb2d) ^ b ^ seed) >>> 0);
}

/** The key of three parts for a template seed (as {@link mix2}, for `key3`). */
export function mix3(seed: number, a: number, b: number, c: number): number {
  return fmix((Math.imul(Math.imul(a, 0x27d4eb2d) ^ b, 0x165667b1) ^ c ^ seed) >>> 0);
}

/** Key makers with their own salt, so that two models' templates never share keys. */
export function keyMakers(salt: number): KeyMakers {
  const seed = (t: number): number => templateSeed(salt, t);
  return {
    key1: (t, a) => fmix((a + seed(t)) >>> 0),
    key2: (t, a, b) => mix2(seed(t), a, b),
    key3: (t, a, b, c) => mix3(seed(t), a, b, c),
  };
}
