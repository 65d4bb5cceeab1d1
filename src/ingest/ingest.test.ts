import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import * as ingest from './index.js';
import { ingestBytes, readInput } from './index.js';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const tmp = mkdtempSync(join(tmpdir(), 'dossier-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PROSE =
  'The delegation arrived in the capital on Monday for two days of talks on trade and transport. Officials said the agenda included customs rules, rail links and the price of gas for the coming winter.';

describe('public API', () => {
  it('should expose exactly these names', () => {
    expect(Object.keys(ingest).sort()).toMatchInlineSnapshot(`
      [
        "BLOCK_ELEMENTS",
        "DOM_RULES",
        "FURNITURE_RULES",
        "MAX_INPUT_BYTES",
        "MAX_PARSE_DEPTH",
        "MAX_PARSE_ELEMENTS",
        "MAX_READABILITY_DEPTH",
        "MAX_READABILITY_ELEMENTS",
        "MIN_ARTICLE_CHARS",
        "PROSE_LINE",
        "SHARE_WORDS",
        "SKIP_ELEMENTS",
        "bestCyrillic",
        "blockText",
        "blockTexts",
        "blocksOf",
        "completeMarkup",
        "decideFurniture",
        "declaredCharset",
        "decode",
        "extractHtml",
        "ingestBytes",
        "isBinary",
        "looksLikeHtml",
        "markupBlocks",
        "markupStats",
        "matchFurniture",
        "pageMeta",
        "readInput",
        "scoreCyrillic",
        "trimBlocks",
        "trimFurniture",
      ]
    `);
  });
});

describe('golden fixtures', () => {
  for (const name of readdirSync(FIXTURES)) {
    it(`should ingest ${name} as expected`, () => {
      const dir = join(FIXTURES, name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      const text = readFileSync(join(dir, input), 'utf8');
      // Non-UTF-8 fixtures are kept as UTF-8 text and encoded here.
      const bytes = expected.encoding === 'utf-8' ? utf8(text) : iconv.encode(text, expected.encoding);
      const result = ingestBytes(bytes, { path: input });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const { value } = result;
      expect({
        encoding: value.source.encoding,
        format: value.source.format,
        meta: value.meta,
        text: value.text,
        removed: value.removed.map((r) => ({ rule: r.rule, text: r.text })),
      }).toEqual(expected);
    });
  }
});

describe('plain text', () => {
  it('should normalise CRLF and CR line endings to LF', () => {
    const r = ingestBytes(utf8('Title\r\n\r\nFirst line.\rSecond line.\r\n'));
    expect(r.ok && r.value.text).toBe('Title\n\nFirst line.\nSecond line.\n');
  });

  it('should take a short first line followed by a blank line as the title and keep it in the text', () => {
    const r = ingestBytes(utf8(`Why the minister flew to Baku\n\n${PROSE}`));
    expect(r.ok && r.value.meta.title).toBe('Why the minister flew to Baku');
    expect(r.ok && r.value.text.startsWith('Why the minister flew to Baku\n\n')).toBe(true);
  });

  it('should not take a first line without a blank line after it as the title', () => {
    const r = ingestBytes(utf8(`Why the minister flew\nto Baku. ${PROSE}`));
    expect(r.ok && r.value.meta.title).toBeUndefined();
  });

  it('should drop a UTF-8 BOM', () => {
    const r = ingestBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Hello world.')]));
    expect(r.ok && r.value.text).toBe('Hello world.');
    expect(r.ok && r.value.source.encoding).toBe('utf-8');
  });

  it('should decode UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Привет, мир. Hello.', 'utf-16le')]);
    const r = ingestBytes(bytes);
    expect(r.ok && r.value.text).toBe('Привет, мир. Hello.');
  });

  it('should remove a comment-form footer and record it', () => {
    const r = ingestBytes(utf8(`Title\n\n${PROSE}\n\n\n\nLeave a Reply`));
    expect(r.ok && r.value.text).toBe(`Title\n\n${PROSE}`);
    expect(r.ok && r.value.removed).toEqual([{ text: 'Leave a Reply', reason: 'comment-form', rule: 'furniture/comment-form/leave-a-reply' }]);
  });

  it('should keep the raw bytes it decoded', () => {
    const bytes = utf8('Some text.');
    const r = ingestBytes(bytes);
    expect(r.ok && Buffer.from(r.value.raw).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('encodings', () => {
  const RUSSIAN =
    'Министр иностранных дел России прибыл в Баку с рабочим визитом. Как сообщили в министерстве, в ходе визита будут обсуждаться вопросы двусторонней повестки.';

  it.each(['windows-1251', 'koi8-r', 'iso-8859-5', 'ibm866'])('should detect and decode Russian text in %s', (encoding) => {
    const r = ingestBytes(iconv.encode(RUSSIAN, encoding));
    expect(r.ok && r.value.source.encoding).toBe(encoding);
    expect(r.ok && r.value.text).toBe(RUSSIAN);
    expect(r.ok && r.value.messages.map((m) => m.code)).toEqual(['ingest/encoding']);
  });

  it('should tell windows-1251 from KOI8-R on short text', () => {
    for (const encoding of ['windows-1251', 'koi8-r']) {
      const r = ingestBytes(iconv.encode('Москва сообщила о визите', encoding));
      expect(r.ok && r.value.source.encoding).toBe(encoding);
    }
  });

  it('should follow the charset an HTML page declares', () => {
    const html = `<html><head><meta charset="koi8-r"><title>Визит</title></head><body><article><p>${RUSSIAN}</p><p>${RUSSIAN}</p></article></body></html>`;
    const r = ingestBytes(iconv.encode(html, 'koi8-r'));
    expect(r.ok && r.value.source.encoding).toBe('koi8-r');
    expect(r.ok && r.value.text).toContain('Министр иностранных дел');
  });

  it('should overrule a declared Cyrillic charset that is clearly wrong', () => {
    const html = `<html><head><meta charset="windows-1251"></head><body><article><p>${RUSSIAN}</p><p>${RUSSIAN}</p></article></body></html>`;
    const r = ingestBytes(iconv.encode(html, 'koi8-r'));
    expect(r.ok && r.value.source.encoding).toBe('koi8-r');
  });

  it('should keep Latin-1 text Latin', () => {
    const text = 'Le ministre est arrivé à Bakou mercredi, a déclaré le porte-parole. Les négociations reprendront l’été prochain.';
    const r = ingestBytes(iconv.encode(text, 'windows-1252'));
    expect(r.ok && r.value.text).toBe(text);
  });
});

describe('errors', () => {
  const file = (name: string, content: Uint8Array | string): string => {
    const path = join(tmp, name);
    writeFileSync(path, content);
    return path;
  };
  const failure = async (path: string): Promise<{ code: string; message: string }> => {
    const r = await readInput(path);
    expect(r.ok).toBe(false);
    return r.ok ? { code: '', message: '' } : { code: r.error.code, message: r.error.message.replace(tmp, '<tmp>') };
  };

  it('should report a missing file', async () => {
    expect(await failure(join(tmp, 'missing.txt'))).toMatchInlineSnapshot(`
      {
        "code": "E_FILE_NOT_FOUND",
        "message": "<tmp>/missing.txt: no such file. Check the path, or pass - to read standard input.",
      }
    `);
  });

  it('should report an empty file', async () => {
    expect(await failure(file('empty.txt', ''))).toMatchInlineSnapshot(`
      {
        "code": "E_EMPTY_INPUT",
        "message": "<tmp>/empty.txt: the file is empty. Give an article as plain text or an HTML page.",
      }
    `);
  });

  it('should report a file of only whitespace as empty', async () => {
    expect((await failure(file('blank.txt', ' \n\n\t\n'))).code).toBe('E_EMPTY_INPUT');
  });

  it('should report a folder', async () => {
    mkdirSync(join(tmp, 'folder'));
    expect(await failure(join(tmp, 'folder'))).toMatchInlineSnapshot(`
      {
        "code": "E_FILE_UNREADABLE",
        "message": "<tmp>/folder: cannot be read (it is a folder). Check its permissions, or that it is a file and not a folder.",
      }
    `);
  });

  it.skipIf(process.getuid?.() === 0)('should report a file it may not read', async () => {
    const path = file('secret.txt', 'secret');
    chmodSync(path, 0o000);
    expect((await failure(path)).code).toBe('E_FILE_UNREADABLE');
  });

  it('should report a binary file', async () => {
    expect(await failure(file('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).toMatchInlineSnapshot(`
      {
        "code": "E_BINARY_INPUT",
        "message": "<tmp>/image.png: this looks like a binary file, not text or HTML. Give an article as plain text or an HTML page (gzip it as .gz if you like).",
      }
    `);
  });

  it('should report bytes full of control characters as binary', () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 1 + (i % 7) : 65));
    const r = ingestBytes(bytes, { path: 'x.bin' });
    expect(!r.ok && r.error.code).toBe('E_BINARY_INPUT');
  });

  it('should report corrupt gzip', async () => {
    const good = gzipSync(Buffer.from(PROSE));
    const bad = Buffer.concat([good.subarray(0, 12), Buffer.from('garbage that is not deflate data')]);
    const f = await failure(file('broken.txt.gz', bad));
    expect(f.code).toBe('E_BAD_GZIP');
    expect(f.message).toMatch(/^<tmp>\/broken\.txt\.gz: the gzip data is corrupt \(.+\)\. Re-download or re-compress the file\.$/);
  });

  it('should report a .gz file without a gzip header', async () => {
    expect((await failure(file('plain.gz', PROSE))).code).toBe('E_BAD_GZIP');
  });

  it('should report an HTML page without an article', async () => {
    expect(await failure(file('empty.html', '<!doctype html><html><head><title>Nothing</title><script>var x = 1;</script></head><body><nav></nav></body></html>')))
      .toMatchInlineSnapshot(`
        {
          "code": "E_NO_ARTICLE",
          "message": "<tmp>/empty.html: no article text was found in this page. Check that it is an article page, or pass the text itself.",
        }
      `);
  });
});

describe('readInput', () => {
  it('should read and gunzip a .gz file', async () => {
    const path = join(tmp, 'article.txt.gz');
    writeFileSync(path, gzipSync(Buffer.from(`Title\n\n${PROSE}`)));
    const r = await readInput(path);
    expect(r.ok && r.value.text).toBe(`Title\n\n${PROSE}`);
    expect(r.ok && r.value.source).toEqual({ path, format: 'text', encoding: 'utf-8' });
  });

  it('should read standard input for -', async () => {
    const r = await readInput('-', Readable.from([Buffer.from('Title\n\n'), Buffer.from(PROSE)]));
    expect(r.ok && r.value.text).toBe(`Title\n\n${PROSE}`);
    expect(r.ok && r.value.source.path).toBe('-');
  });

  it('should report empty standard input', async () => {
    const r = await readInput('-', Readable.from([]));
    expect(!r.ok && r.error.code).toBe('E_EMPTY_INPUT');
  });
});

describe('format detection', () => {
  it.each([
    ['<!DOCTYPE html><html><body><p>x</p></body></html>', true],
    ['  <html lang="ru"><body>', true],
    ['<p>One</p><p>Two</p><div>Three</div>', true],
    ['Prices rose 3% (<5% expected) in May.', false],
    ['Plain text with a <b> in it.', false],
  ])('should tell whether %j is HTML', (text, html) => {
    expect(ingest.looksLikeHtml(text)).toBe(html);
  });

  it('should take format: text literally', () => {
    const r = ingestBytes(utf8('<p>Hello</p>'), { format: 'text' });
    expect(r.ok && r.value.text).toBe('<p>Hello</p>');
  });
});

describe('large and adversarial input', () => {
  it('should ingest 10 MB of text quickly', () => {
    const para = `${PROSE}\n\n`;
    const text = para.repeat(Math.ceil(10_000_000 / para.length));
    const t0 = performance.now();
    const r = ingestBytes(utf8(text));
    expect(r.ok).toBe(true);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('should ingest a 10 MB page of 700 000 tiny elements without building a slow DOM', () => {
    const html = `<html><body>${'<div><b>word</b> and more</div>'.repeat(350_000)}</body></html>`;
    const t0 = performance.now();
    const r = ingestBytes(utf8(html));
    expect(r.ok && r.value.messages.map((m) => m.code)).toContain('ingest/markup');
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it('should ingest a page nested 100 000 levels deep', () => {
    const html = `<html><body>${'<div>'.repeat(100_000)}<p>${PROSE}</p>${'</div>'.repeat(100_000)}</body></html>`;
    const r = ingestBytes(utf8(html));
    expect(r.ok && r.value.text).toBe(PROSE);
  });

  it('should ingest a page nested 1 000 levels deep without Readability', () => {
    const html = `<html><body>${'<div>'.repeat(1000)}<p>${PROSE}</p>${'</div>'.repeat(1000)}</body></html>`;
    const r = ingestBytes(utf8(html));
    expect(r.ok && r.value.text).toBe(PROSE);
    expect(r.ok && r.value.messages.map((m) => m.code)).toEqual(['ingest/body']);
  });

  it('should never throw, and return text or a DossierError, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const r = ingestBytes(bytes);
        if (r.ok) expect(typeof r.value.text).toBe('string');
        else expect(r.error.name).toBe('DossierError');
      }),
      { numRuns: 300 },
    );
  });

  it('should never throw on random HTML-like text, and every removal is text of the input', () => {
    const piece = fc.oneof(
      fc.constantFrom('<p>', '</p>', '<div>', '</div>', '<a href="#">', '</a>', '<br>', '<script>', '</script>', '<!--', '-->', '&amp;', '<li>', '\n\n'),
      fc.constantFrom('Leave a Reply', 'Share this:', 'Facebook Twitter', 'Read more', '© 2020', 'Published 5 May 2020', PROSE),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const input = parts.join('');
        const r = ingestBytes(utf8(input));
        if (!r.ok) return;
        for (const removed of r.value.removed) expect(removed.text.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
