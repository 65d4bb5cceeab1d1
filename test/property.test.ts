import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDocument, isValidSpan, type Document, type Span } from '../src/document/index.js';
import { ingestBytes } from '../src/ingest/index.js';
import { defaultPipeline } from '../src/pipeline/index.js';

/** Every span a document carries, wherever it sits. */
function spans(doc: Document): Span[] {
  const out: Span[] = [];
  const l = doc.layers;
  for (const s of l.sentences ?? []) out.push(s, ...s.tokens);
  for (const m of l.mentions ?? []) out.push(m, ...m.evidence);
  for (const r of l.roles ?? []) out.push(r, ...r.evidence);
  for (const a of l.attributions ?? []) {
    out.push(a, a.cue, a.content, ...a.cue.spans, ...a.content.spans, ...a.evidence);
    if (a.source) out.push(a.source);
  }
  for (const e of l.events ?? []) out.push(e);
  for (const a of l.artifacts ?? []) out.push(a);
  return out;
}

// Text built from pieces that exercise the rules: names, titles, quotes, cues, punctuation, scripts.
const piece = fc.constantFrom(
  'President', 'Foreign Minister', 'Sergei', 'Lavrov', 'said', 'that', 'believes', 'According to', 'In his view,', 'The first',
  'he', 'his', '"', '“', '”', '«', '»', "'", ',', '.', ':', '?', '\n', '\n\n', ' ', 'RUSSIAN FEDERATION', 'Baku', 'the', 'expert',
  'Ministry of', 'Group', 'kupiruâ', 'Nagorno-Karabakh', '—', '(', ')', '1news.az', 'U.S.', 'Mr.', '\u00a0', '\t', 'é', '😀', 'Да',
);
const articleLike = fc.array(piece, { maxLength: 200 }).map((parts) => parts.join(' '));

describe('pipeline on arbitrary input', () => {
  const pipeline = defaultPipeline();
  const check = (text: string): void => {
    const doc = pipeline.run(createDocument(text));
    expect(doc.text).toBe(text);
    expect(doc.messages.filter((m) => m.fatal)).toEqual([]);
    for (const s of spans(doc)) expect(isValidSpan(s, text.length)).toBe(true);
  };

  it('should never fail and keep every span inside the text, for random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), check), { numRuns: 300 });
  });

  it('should never fail and keep every span inside the text, for article-like text', () => {
    fc.assert(fc.property(articleLike, check), { numRuns: 400 });
  });

  it('should never throw on random bytes through ingestion: a clear error or a sound document', () => {
    const bytesCheck = (bytes: Uint8Array, format: 'auto' | 'text' | 'html'): void => {
      const r = ingestBytes(bytes, { path: 'random.bin', format });
      if (!r.ok) {
        expect(r.error.code).toMatch(/^E_[A-Z_]+$/);
        expect(r.error.message).toContain('random.bin');
        return;
      }
      check(r.value.text);
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('auto' as const, 'text' as const, 'html' as const), bytesCheck),
      { numRuns: 200 },
    );
  });

  it('should never throw on markup-like input', () => {
    const tag = fc.constantFrom('<p>', '</p>', '<div>', '</div>', '<script>', '</script>', '<br>', '<html><body>', '<a href="javascript:x">', '</a>', '<img onerror=alert(1)>', '<!--', '-->', '&amp;', '&#x27;');
    const html = fc.array(fc.oneof(tag, piece), { maxLength: 150 }).map((p) => p.join(''));
    fc.assert(
      fc.property(html, (page) => {
        const r = ingestBytes(new TextEncoder().encode(page), { path: 'page.html', format: 'html' });
        if (r.ok) check(r.value.text);
        else expect(r.error.code).toMatch(/^E_/);
      }),
      { numRuns: 200 },
    );
  });
});
