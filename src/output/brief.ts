import { sentenceAt, type Attribution, type Document, type Entity } from '../document/index.js';

export interface BriefOptions {
  /** Terminal width to wrap at. */
  readonly width?: number;
  /** Use bold and dim escapes (for a terminal). */
  readonly color?: boolean;
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

function clip(s: string, max: number): string {
  const c = clean(s);
  return c.length <= max ? c : `${c.slice(0, max - 1).trimEnd()}…`;
}

/** Wrap words to `width`; the first line starts with `first`, the others with `rest`. */
function wrap(text: string, width: number, first: string, rest: string = ' '.repeat(first.length)): string {
  const lines: string[] = [];
  let line = '';
  let indent = first;
  for (const w of clean(text).split(' ')) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      indent = rest;
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/**
 * A readable report of one analysed article: title; people with their roles; who said
 * or believes what, grouped by speaker, each with the sentence it came from;
 * organisations and places; notes (removed page furniture, translation leftovers,
 * problems).
 */
export function toBrief(doc: Document, options: BriefOptions = {}): string {
  const width = Math.max(60, Math.min(options.width ?? 100, 140));
  const bold = (s: string): string => (options.color ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string): string => (options.color ? `\x1b[2m${s}\x1b[22m` : s);
  const text = doc.text;
  const entities = doc.layers.entities ?? [];
  const byId = new Map(entities.map((e) => [e.id, e]));
  const sentences = doc.layers.sentences ?? [];
  const out: string[] = [];

  const title = doc.meta.title ?? clip(text.split('\n')[0] ?? '', 100);
  out.push(bold(title || '(untitled)'));
  const facts = [doc.source.path ?? doc.source.url ?? 'standard input', doc.source.format, doc.meta.date, doc.meta.byline, `${sentences.length} sentences`].filter(Boolean);
  out.push(dim(facts.join(' · ')));

  const count = (e: Entity): number => e.mentions.length;
  const people = entities.filter((e) => e.type === 'PERSON').sort((a, b) => count(b) - count(a));
  out.push('', bold(`PEOPLE (${people.length})`));
  if (!people.length) out.push('  none found');
  for (const p of people) {
    const roles = p.roles.length ? ` — ${p.roles.join('; ')}` : '';
    out.push(`  ${p.name}${roles} ${dim(`(${count(p)} mention${count(p) === 1 ? '' : 's'})`)}`);
  }

  const attributions = doc.layers.attributions ?? [];
  out.push('', bold(`WHO SAID OR BELIEVES WHAT (${attributions.length})`));
  if (!attributions.length) out.push('  none found');
  const groups = new Map<string, Attribution[]>();
  for (const a of attributions) {
    const key = a.source?.entity ?? (a.source ? `text:${clean(text.slice(a.source.start, a.source.end))}` : 'unnamed');
    const list = groups.get(key) ?? [];
    list.push(a);
    groups.set(key, list);
  }
  for (const [key, list] of groups) {
    const e = byId.get(key);
    const who = e ? `${e.name}${e.roles.length ? ` (${e.roles[0]})` : ''}` : key === 'unnamed' ? 'No source given' : /^text:(?:I|me|my)$/i.test(key) ? 'The writer (I)' : `${key.slice(5)} (unresolved)`;
    out.push(`  ${bold(who)}`);
    for (const a of list) {
      const cue = clean(text.slice(a.cue.start, a.cue.end));
      const content = a.content.spans.map((s) => text.slice(s.start, s.end)).join(' … ');
      out.push(wrap(`${cue} [${a.kind}]: “${clip(content, 400)}”`, width, '    • '));
      const si = sentenceAt(sentences, a.cue.start);
      if (si >= 0) {
        const s = sentences[si];
        out.push(dim(wrap(`from: ${clip(text.slice(s.start, s.end), 300)} [${s.start}-${s.end}]`, width, '      ', '            ')));
      }
    }
  }

  const events = doc.layers.events ?? [];
  if (events.length) {
    out.push('', bold(`WHAT HAPPENED (${events.length})`));
    for (const v of events) {
      const names = (ids: readonly string[]) => ids.map((id) => byId.get(id)?.name ?? id).join(', ');
      const place = v.place ? ` → ${byId.get(v.place)?.name ?? v.place}` : '';
      const targets = v.targets.length ? ` with ${names(v.targets)}` : '';
      const when = v.time ? `, ${clean(v.time)}${v.date ? ` (${v.date})` : ''}` : '';
      const modality = v.modality === 'asserted' ? '' : ` [${v.modality}]`;
      out.push(wrap(`${v.type}: ${names(v.actors)}${targets}${place}${when}${modality}`, width, '  • '));
      out.push(dim(wrap(`“${clip(text.slice(v.start, v.end), 160)}” [${v.start}-${v.end}]`, width, '      ')));
    }
  }

  const claims = doc.layers.claims ?? [];
  if (claims.length) {
    const about = events.find((v) => v.id === claims[0].about);
    const dest = about ? [...(about.place ? [about.place] : []), ...about.targets].map((id) => byId.get(id)?.name ?? id) : [];
    // The question is the main event ("why the visit of X to Y?") or, with no event, the headline itself.
    const heading = about
      ? `VERSIONS: why the ${about.type} of ${about.actors.map((id) => byId.get(id)?.name ?? id).join(', ')}${dest.length ? ` to ${dest.join(', ')}` : ''}?`
      : `VERSIONS on “${claims[0].about}”`;
    out.push('', bold(`${heading} (${claims.length})`));
    for (const c of claims) {
      const e = byId.get(c.holder);
      const who = e ? `${e.name}${e.roles.length ? ` (${e.roles[0]})` : ''}` : c.holder;
      out.push(wrap(`${who}: “${c.gist}”`, width, '  • '));
    }
  }

  const relations = (doc.layers.relations ?? []).filter((r) => r.sign !== 'neutral').sort((a, b) => b.weight - a.weight);
  if (relations.length) {
    out.push('', bold(`RELATIONS (${relations.length} with a sign)`));
    for (const r of relations.slice(0, 12)) {
      const from = byId.get(r.from)?.name ?? r.from;
      const to = byId.get(r.to)?.name ?? r.to;
      out.push(`  ${r.sign === 'conflict' ? '✗' : '✓'} ${from} ${r.kind} ${to} (${r.sign}${r.weight > 1 ? `, ×${r.weight}` : ''})`);
    }
  }

  for (const [label, type] of [
    ['ORGANISATIONS', 'ORG'],
    ['PLACES', 'LOC'],
    ['OTHER NAMES', 'MISC'],
  ] as const) {
    const list = entities.filter((e) => e.type === type).sort((a, b) => count(b) - count(a));
    out.push('', bold(`${label} (${list.length})`));
    out.push(list.length ? wrap(list.map((e) => `${e.name} (${count(e)})`).join(', '), width, '  ') : '  none found');
  }

  const notes: string[] = [];
  for (const r of doc.removed) notes.push(`removed page furniture (${r.reason}): “${clip(r.text, 80)}”`);
  for (const a of doc.layers.artifacts ?? []) {
    const fix = [a.restored, a.suggestion].filter(Boolean).join(' = ');
    notes.push(`translation leftover (${a.kind}): “${a.original}”${fix ? ` → ${fix}` : ''}`);
  }
  for (const m of doc.messages) notes.push(`${m.fatal ? 'error' : 'note'} [${m.code}] ${m.reason}`);
  if (notes.length) {
    out.push('', bold('NOTES'));
    for (const n of notes) out.push(wrap(n, width, '  - '));
  }
  return `${out.join('\n')}\n`;
}
