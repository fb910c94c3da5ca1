/** An array whose items come in batches: written piece by piece, never whole in memory. */
export class StreamedArray<T> {
  constructor(readonly batches: AsyncIterable<T[]>) {}
}

/**
 * A JSON object as text chunks. Plain values are written at once; a StreamedArray is written one
 * batch per chunk, so a cohort of any size streams like its CSV.
 */
export async function* jsonChunks(entries: [key: string, value: unknown][]): AsyncGenerator<string> {
  let head = '{';
  for (const [index, [key, value]] of entries.entries()) {
    head += `${index === 0 ? '' : ','}${JSON.stringify(key)}:`;
    if (!(value instanceof StreamedArray)) {
      head += JSON.stringify(value);
      continue;
    }
    yield `${head}[`;
    let first = true;
    for await (const batch of value.batches) {
      if (batch.length === 0) continue;
      yield (first ? '' : ',') + batch.map((item) => JSON.stringify(item)).join(',');
      first = false;
    }
    head = ']';
  }
  yield `${head}}`;
}
