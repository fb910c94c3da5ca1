import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { ImportFileProblem } from './import-sheet.js';

// A workbook's zip read from its central directory, each part checked whole before exceljs sees it.

/** What the parts exceljs reads may hold once inflated: far above any import, far below a zip bomb. */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 1;

export interface ZipPart {
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  data: Buffer;
}

export const notWorkbook = (what: string) =>
  new ImportFileProblem(`the file is not an XLSX workbook (${what}): save it as XLSX (Excel workbook) or as CSV UTF-8`);

/** The archive's parts by name, from its central directory; undefined when the bytes are not a whole zip. */
export function zipParts(file: Buffer): Map<string, ZipPart> | undefined {
  try {
    // The end record closes the archive, followed at most by a comment of up to 64 KB.
    const lowest = Math.max(0, file.length - 22 - 0xffff);
    let end = file.length - 22;
    while (end >= lowest && file.readUInt32LE(end) !== END_OF_CENTRAL) end--;
    if (end < lowest) return undefined;
    let count = file.readUInt16LE(end + 10);
    let at = file.readUInt32LE(end + 16);
    if ((count === 0xffff || at === 0xffffffff) && file.readUInt32LE(end - 20) === ZIP64_LOCATOR) {
      const end64 = Number(file.readBigUInt64LE(end - 12));
      if (file.readUInt32LE(end64) !== ZIP64_END) return undefined;
      count = Number(file.readBigUInt64LE(end64 + 32));
      at = Number(file.readBigUInt64LE(end64 + 48));
    }
    const parts = new Map<string, ZipPart>();
    for (let i = 0; i < count; i++) {
      if (file.readUInt32LE(at) !== CENTRAL_HEADER) return undefined;
      const nameLength = file.readUInt16LE(at + 28);
      const extraLength = file.readUInt16LE(at + 30);
      const name = file.toString('utf8', at + 46, at + 46 + nameLength);
      // A zip64 field holds, in this order, those of the three that did not fit in 32 bits.
      const wide = zip64Values(file.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
      const field = (offset: number) => {
        const value = file.readUInt32LE(at + offset);
        return value === 0xffffffff ? (wide.shift() ?? value) : value;
      };
      const size = field(24);
      const compressedSize = field(20);
      const local = field(42);
      if (file.readUInt32LE(local) !== LOCAL_HEADER) return undefined;
      const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
      if (start + compressedSize > file.length) return undefined;
      const [flags, method, crc] = [file.readUInt16LE(at + 8), file.readUInt16LE(at + 10), file.readUInt32LE(at + 16)];
      parts.set(name, { method, flags, crc, compressedSize, size, data: file.subarray(start, start + compressedSize) });
      at += 46 + nameLength + extraLength + file.readUInt16LE(at + 32);
    }
    return parts;
  } catch (error) {
    if (error instanceof RangeError) return undefined; // a length or an offset past the end
    throw error;
  }
}

function zip64Values(extra: Buffer): number[] {
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) !== 1) continue;
    const values: number[] = [];
    for (let v = at + 4; v + 8 <= at + 4 + extra.readUInt16LE(at + 2); v += 8)
      values.push(Number(extra.readBigUInt64LE(v)));
    return values;
  }
  return [];
}

/** The part inflated, checked against the size and checksum the archive records; kept only when asked. */
export function inflated(part: ZipPart, budget: { left: number }, keep: boolean): Promise<Buffer> {
  if ((part.flags & ENCRYPTED_FLAG) !== 0) throw notWorkbook('it is encrypted');
  if (part.method !== STORED && part.method !== DEFLATED) throw notWorkbook('it is compressed in an unknown way');
  if (part.size > budget.left) throw tooLarge();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let crc = 0;
    let size = 0;
    const check = (chunk: Buffer) => {
      size += chunk.length;
      budget.left -= chunk.length;
      crc = crc32(chunk, crc);
      if (keep) chunks.push(chunk);
    };
    const done = () =>
      size === part.size && crc === part.crc ? resolve(Buffer.concat(chunks)) : reject(notWorkbook('it is damaged'));
    if (part.method === STORED) {
      check(part.data);
      return done();
    }
    const inflater = createInflateRaw();
    inflater.on('data', (chunk: Buffer) => {
      check(chunk);
      if (budget.left < 0) {
        inflater.destroy();
        reject(tooLarge());
      }
    });
    inflater.on('error', () => reject(notWorkbook('it is damaged')));
    inflater.on('end', done);
    inflater.end(part.data);
  });
}

const tooLarge = () =>
  new ImportFileProblem(`the workbook is too large once uncompressed (over ${MAX_INFLATED_BYTES / 1024 / 1024} MB)`);

/** Bytes as a part stored without compression. */
export const storedPart = (data: Buffer): ZipPart => ({
  method: STORED,
  flags: 0,
  crc: crc32(data),
  compressedSize: data.length,
  size: data.length,
  data,
});

/** The part as a zip local entry under that name, its data as the archive holds it. */
function localEntry(name: string, part: ZipPart): Buffer[] {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt16LE(0x0800, 6); // names in UTF-8
  header.writeUInt16LE(part.method, 8);
  header.writeUInt32LE(part.crc, 14);
  header.writeUInt32LE(part.compressedSize, 18);
  header.writeUInt32LE(part.size, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return [header, nameBytes, part.data];
}

/**
 * An archive of these parts in this order, for a reader that reads a zip from its start (as
 * exceljs's streaming reader does): their local entries, then an end record with no directory.
 */
export function zipStream(entries: [name: string, part: ZipPart][]): Readable {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL, 0);
  return Readable.from([...entries.flatMap(([name, part]) => localEntry(name, part)), end]);
}
