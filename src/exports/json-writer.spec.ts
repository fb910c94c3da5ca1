import { jsonChunks, StreamedArray } from './json-writer.js';

async function text(entries: [string, unknown][]) {
  let out = '';
  for await (const chunk of jsonChunks(entries)) out += chunk;
  return out;
}

describe('JSON writer', () => {
  it('writes plain values and arrays that arrive in batches into one valid document', async () => {
    async function* batches() {
      yield [{ n: 1 }, { n: 2 }];
      yield [];
      yield [{ n: 3, name: 'Café "Les Amis"\n' }];
    }
    const out = await text([
      ['cohort', { id: 7 }],
      ['projects', new StreamedArray(batches())],
      ['figures', { registered: 3 }],
    ]);
    expect(JSON.parse(out)).toEqual({
      cohort: { id: 7 },
      projects: [{ n: 1 }, { n: 2 }, { n: 3, name: 'Café "Les Amis"\n' }],
      figures: { registered: 3 },
    });
  });

  it('writes an empty streamed array, first or last', async () => {
    async function* none(): AsyncGenerator<object[]> {}
    expect(JSON.parse(await text([['projects', new StreamedArray(none())]]))).toEqual({ projects: [] });
    expect(
      JSON.parse(
        await text([
          ['a', 1],
          ['projects', new StreamedArray(none())],
        ]),
      ),
    ).toEqual({ a: 1, projects: [] });
  });
});
