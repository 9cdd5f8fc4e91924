import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { problem, type Problem } from '../core/problems.js';
import type { RawTable } from './table.js';

/**
 * Excel on Chinese Windows saves CSV in GBK: a BOM means UTF-8; text that is valid UTF-8 is
 * UTF-8; anything else is GB18030 (a superset of GBK), decoded by Node's own TextDecoder.
 * Charset guessers are unreliable on short Chinese text, so this order is deliberate.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Comma, semicolon or tab: whichever the first lines use most (outside quotes). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const sample = text.split(/\r?\n/).slice(0, 5).join('\n').replace(/"[^"]*"/g, '');
  const counts = ([',', ';', '\t'] as const).map((d) => [d, sample.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Reads one CSV file as a raw table; row numbers are the line each record starts on. */
export async function readCsv(path: string, sheet = basename(path).replace(/\.csv$/i, '')): Promise<{ table: RawTable | null; problems: Problem[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { table: null, problems: [problem(code === 'ENOENT' ? 'file_missing' : 'file_unreadable', { file: path }, { reason: code === 'EACCES' ? 'locked' : 'corrupt', detail: code ?? '' })] };
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return { table: null, problems: [problem('csv_is_workbook', { file: path })] };
  }
  const { text } = decodeCsv(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With info: true each record comes with the line it ends on (csv-parse's typings miss this).
    records = parse(text, { delimiter: detectDelimiter(text), info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { table: null, problems: [problem('csv_invalid', { file: path, ...(line ? { row: line } : {}) }, { detail: String((error as Error).message).split('\n')[0] ?? '' })] };
  }
  const rows: RawTable['rows'] = [];
  let previousEnd = 0;
  for (const { record, info } of records) {
    rows.push({ row: previousEnd + 1, cells: record.map((c) => (c === '' ? null : c)) });
    previousEnd = info.lines;
  }
  return { table: { file: path, sheet, rows: rows.filter((r) => r.cells.some((c) => c !== null)) }, problems: [] };
}
