// Picks the annotated PolNeAR dev articles: 3 per publisher, seeded shuffle (mulberry32, seed 8),
// The halves (A tuned on, B held out) are assigned in polnear-dev-events.json (see README.md).
// Usage: node eval/gold/select.mjs ../shared/data/polnear/dev.jsonl
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? '/work/shared/data/polnear/dev.jsonl';
const SEED = 8;
const PER_PUBLISHER = 3;
function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const arts = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const byPub = new Map();
for (const a of arts) (byPub.get(a.publisher) ?? byPub.set(a.publisher, []).get(a.publisher)).push(a.id);
const out = [];
for (const [pub, ids] of [...byPub].sort()) {
  ids.sort();
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  for (const id of ids.slice(0, PER_PUBLISHER)) out.push({ id, publisher: pub });
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
