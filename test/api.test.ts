import { describe, expect, it } from 'vitest';

describe('public API', () => {
  it('should expose exactly these names', async () => {
    const api = await import('../src/index.js');
    expect(Object.keys(api).sort()).toEqual(
      [
        'DossierError', 'ERRORS', 'STANDARD_STAGES', 'analyze', 'analyzeText', 'buildPipeline', 'createDocument', 'defaultPipeline',
        'ingestBytes', 'isValidSpan', 'readInput', 'spanText', 'toBrief', 'toJson', 'toPoint', 'withLayers',
      ].sort(),
    );
  });

  it('should analyse a text into a document whose spans slice back to what they name', async () => {
    const { analyze, toJson } = await import('../src/index.js');
    const doc = toJson(analyze('Foreign Minister Sergei Lavrov said that the talks went well.'));
    const lavrov = doc.entities.find((e) => e.name === 'Sergei Lavrov');
    expect(lavrov?.roles).toEqual(['Foreign Minister']);
    expect(doc.attributions).toHaveLength(1);
    const a = doc.attributions[0];
    expect(a.source?.entity).toBe(lavrov?.id);
    expect(doc.text.slice(a.cue.start, a.cue.end)).toBe('said');
    expect(a.content.text).toMatch(/the talks went well/);
  });

  it('should show a writer\'s "I" in the brief as the writer, and a named speaker by name', async () => {
    const { analyze, toBrief } = await import('../src/index.js');
    const brief = toBrief(analyze('I believe in the good sense of the voters. "We will win," said Anna Berg, a spokeswoman for the campaign.'), { color: false });
    expect(brief).toMatch(/The writer \(I\)\n\s+• believe/);
    expect(brief).toMatch(/Anna Berg \(spokeswoman for the campaign\)/);
  });
});
