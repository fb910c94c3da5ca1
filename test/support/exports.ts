// What the export tests share: downloading a file as bytes, and reading it back with the readers
// a user's tools would use (a CSV parser, exceljs).

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { bearer, type TestApp } from './test-app.js';

/** Keeps the body as the bytes the server sent, whatever its content type. */
export function binaryParser(
  response: { on(event: string, listener: (chunk: Buffer) => void): unknown },
  callback: (error: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

export interface Download {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  /** The body as JSON, for error responses and JSON exports. */
  json: () => any;
}

export async function download(t: TestApp, token: string, path: string): Promise<Download> {
  const response: Response = await t.http().get(path).set(bearer(token)).buffer(true).parse(binaryParser);
  const bytes = response.body as Buffer;
  return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

/** Records as a CSV parser reads them (BOM removed, rows of any length), split on `,` unless told. */
export function readCsv(bytes: Buffer, delimiter: ',' | ';' = ','): string[][] {
  return parse(bytes.toString('utf8'), { bom: true, relax_column_count: true, delimiter });
}

/** The tables of a CSV that holds several, separated by an empty line. */
export function csvTables(bytes: Buffer, delimiter: ',' | ';' = ','): string[][][] {
  const tables: string[][][] = [[]];
  for (const record of readCsv(bytes, delimiter)) {
    if (record.length === 1 && record[0] === '') tables.push([]);
    else tables[tables.length - 1].push(record);
  }
  return tables;
}

export async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as plain values, header first. */
export function sheetValues(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: unknown[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      values.push(value === undefined ? null : value);
    }
    rows.push(values);
  });
  return rows;
}
