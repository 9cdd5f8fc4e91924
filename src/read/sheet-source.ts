import yauzl from 'yauzl';
import type { Problem } from '../core/problems.js';
import { readCsv } from './csv.js';
import type { RawRow } from './table.js';
import { saxWorkbook } from './xlsx-sax.js';

/**
 * A file of sheets as the import of exports reads it: which sheets there are, the first rows of
 * any sheet (to recognise its layout), and every row of the sheet chosen. xlsx, xls, CSV and
 * attlog text all come this way, so one normaliser serves them all.
 */
export interface SheetInfo {
  name: string;
  hidden: boolean;
}

/** A merged range, 0-based and inclusive, as .xls files state them (the streaming xlsx reader gives none). */
export interface MergedRange {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

export interface SheetSource {
  file: string;
  /** What the bytes are, whatever the file is called. */
  format: 'xlsx' | 'xls' | 'csv' | 'attlog' | 'html';
  sheets(): Promise<SheetInfo[]>;
  /** The first `count` rows (fewer when the sheet is shorter). */
  head(sheet: string, count: number): Promise<RawRow[]>;
  /** Every row, in order, one at a time. */
  rows(sheet: string, onRow: (row: RawRow) => void): Promise<void>;
  merges(sheet: string): MergedRange[];
  /** Problems met while reading (formulas without results, device artefacts), once per file. */
  problems: Problem[];
}

class StopReading extends Error {}

/**
 * .xlsx through the current streaming reader (xlsx-sax). A thin adapter until the reader with
 * sheets/head/rows lands: a sheet's head is read by streaming it and stopping after the rows wanted.
 */
export function xlsxSource(path: string): SheetSource {
  const problems: Problem[] = [];
  const heads = new Map<string, RawRow[]>();
  const one = (sheet: string) => new Map([['sheet', [sheet]]]);
  return {
    file: path,
    format: 'xlsx',
    problems,
    sheets: () => xlsxSheetNames(path),
    async head(sheet, count) {
      const cached = heads.get(sheet);
      if (cached && cached.length >= count) return cached.slice(0, count);
      const rows: RawRow[] = [];
      try {
        await saxWorkbook(path, one(sheet), 'sheet', (row) => {
          rows.push(row);
          if (rows.length >= count) throw new StopReading();
        });
      } catch (error) {
        if (!(error instanceof StopReading)) throw error;
      }
      heads.set(sheet, rows);
      return rows;
    },
    async rows(sheet, onRow) {
      const read = await saxWorkbook(path, one(sheet), 'sheet', onRow);
      problems.push(...read.problems);
    },
    merges: () => [],
  };
}

/** Sheet names and visibility from xl/workbook.xml, in workbook order. */
async function xlsxSheetNames(path: string): Promise<SheetInfo[]> {
  const xml = await zipEntryText(path, 'xl/workbook.xml');
  const sheets: SheetInfo[] = [];
  for (const tag of xml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name === undefined) continue;
    sheets.push({ name: decodeXml(name), hidden: /\bstate="(?:hidden|veryHidden)"/.test(tag) });
  }
  return sheets;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? '';
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

function zipEntryText(path: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('unreadable zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.replace(/^\//, '') !== name) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${name}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => reject(new Error(`no ${name} in the workbook`)));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** A CSV file as a one-sheet source (UTF-8 or GBK, delimiter detected: src/read/csv.ts). */
export async function csvSource(path: string): Promise<SheetSource> {
  const read = await readCsv(path);
  const rows = read.table?.rows ?? [];
  const sheet = read.table?.sheet ?? '';
  return rowsSource(path, 'csv', [{ name: sheet, rows }], read.problems);
}

/** Sheets already in memory (xls, attlog, CSV) as a source. */
export function rowsSource(file: string, format: SheetSource['format'], sheets: { name: string; rows: RawRow[]; hidden?: boolean; merges?: MergedRange[] }[], problems: Problem[] = []): SheetSource {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const sheet = (name: string) => byName.get(name) ?? { rows: [], merges: [] };
  return {
    file,
    format,
    problems,
    sheets: async () => sheets.map((s) => ({ name: s.name, hidden: s.hidden ?? false })),
    head: async (name, count) => sheet(name).rows.slice(0, count),
    async rows(name, onRow) {
      for (const row of sheet(name).rows) onRow(row);
    },
    merges: (name) => sheet(name).merges ?? [],
  };
}
