/**
 * Applying cross-document merges to the store, and undoing them. The rules are in
 * `corpus/resolve.ts`; here they meet the actors table. A merge points the loser's root at the
 * winner's root (`actors.merged_into`) and records rule, score and evidence in `merges`;
 * undoing it clears that pointer and keeps the row (with `undone_at`), so the same pair is
 * not merged again.
 */
import { proposeMerges, type ActorInfo, type AliasInfo } from '../corpus/resolve.js';
import { fail } from '../errors.js';
import { writeTx, type Store } from './store.js';

/** A merge as listed by `dossier merges`. */
export interface MergeListing {
  readonly id: number;
  readonly rule: string;
  readonly score: number;
  readonly winner: { readonly id: number; readonly name: string; readonly type: string };
  readonly loser: { readonly id: number; readonly name: string };
  readonly evidence: unknown;
  readonly created: string;
  readonly undone: string | null;
}

const pairKey = (a: number, b: number): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Find and apply merges over the whole corpus; returns how many were made.
 * @example resolveActors(store) // 12
 */
export function resolveActors(store: Store): number {
  const { db } = store;
  const actors = db
    .prepare(
      `SELECT a.id, a.type, a.name, a.key, a.merged_into AS mergedInto,
              (SELECT COUNT(DISTINCT e.article_id) FROM entities e WHERE e.actor_id = a.id) AS articles
         FROM actors a WHERE a.type IN ('PERSON', 'ORG')`,
    )
    .all() as (ActorInfo & { mergedInto: number | null })[];
  const aliases = (
    db
      .prepare(
        `SELECT al.type, al.alias_key AS aliasKey, al.name_key AS nameKey, group_concat(ar.doc_id, ' ') AS docs
           FROM aliases al JOIN articles ar ON ar.id = al.article_id
          GROUP BY al.type, al.alias_key, al.name_key`,
      )
      .all() as { type: string; aliasKey: string; nameKey: string; docs: string }[]
  ).map((a): AliasInfo => ({ type: a.type, aliasKey: a.aliasKey, nameKey: a.nameKey, articles: a.docs.split(' ').slice(0, 20) }));
  const proposals = proposeMerges(actors, aliases);
  if (!proposals.length) return 0;

  const parent = new Map<number, number | null>(actors.map((a) => [a.id, a.mergedInto]));
  const root = (id: number): number => {
    let r = id;
    for (let guard = 0; guard < 1000; guard++) {
      const p = parent.get(r);
      if (p === null || p === undefined) return r;
      r = p;
    }
    return r;
  };
  const blocked = new Set((db.prepare('SELECT winner_id AS w, loser_id AS l FROM merges WHERE undone_at IS NOT NULL').all() as { w: number; l: number }[]).map((m) => pairKey(m.w, m.l)));
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const setParent = db.prepare('UPDATE actors SET merged_into = ? WHERE id = ? AND merged_into IS NULL');
  const insertMerge = db.prepare('INSERT INTO merges (winner_id, loser_id, rule, score, evidence, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  let made = 0;
  writeTx(store, () => {
    const at = new Date().toISOString();
    for (const p of proposals) {
      const w = root(p.winner);
      const l = root(p.loser);
      if (w === l || blocked.has(pairKey(w, l)) || blocked.has(pairKey(p.winner, p.loser))) continue;
      if (setParent.run(w, l).changes !== 1) continue;
      parent.set(l, w);
      const evidence = { ...p.evidence, ...(w !== p.winner || l !== p.loser ? { via: { winner: names.get(p.winner), loser: names.get(p.loser) } } : {}) };
      insertMerge.run(w, l, p.rule, p.score, JSON.stringify(evidence), at);
      made++;
    }
  });
  return made;
}

/** Every merge, newest first (undone ones too). */
export function listMerges(store: Store, options: { readonly all?: boolean; readonly limit?: number } = {}): MergeListing[] {
  const rows = store.db
    .prepare(
      `SELECT m.id, m.rule, m.score, m.evidence, m.created_at AS created, m.undone_at AS undone,
              w.id AS wid, w.name AS wname, w.type AS wtype, l.id AS lid, l.name AS lname
         FROM merges m JOIN actors w ON w.id = m.winner_id JOIN actors l ON l.id = m.loser_id
        ${options.all ? '' : 'WHERE m.undone_at IS NULL'}
        ORDER BY m.id DESC LIMIT ?`,
    )
    .all(options.limit ?? 1_000_000) as {
    id: number; rule: string; score: number; evidence: string; created: string; undone: string | null;
    wid: number; wname: string; wtype: string; lid: number; lname: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    score: r.score,
    winner: { id: r.wid, name: r.wname, type: r.wtype },
    loser: { id: r.lid, name: r.lname },
    evidence: JSON.parse(r.evidence) as unknown,
    created: r.created,
    undone: r.undone,
  }));
}

/**
 * Undo a merge: the loser is its own actor again, and the pair is not merged again.
 * @example unmerge(store, 3)
 */
export function unmerge(store: Store, id: number): MergeListing {
  const found = listMerges(store, { all: true }).find((m) => m.id === id);
  if (!found) throw fail('E_NOT_FOUND', `There is no merge ${id}. List them with \`dossier merges\`.`);
  if (found.undone) throw fail('E_NOT_FOUND', `Merge ${id} was already undone (${found.undone}).`);
  writeTx(store, () => {
    store.db.prepare('UPDATE actors SET merged_into = NULL WHERE id = ? AND merged_into = ?').run(found.loser.id, found.winner.id);
    store.db.prepare('UPDATE merges SET undone_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  });
  return { ...found, undone: new Date().toISOString() };
}
