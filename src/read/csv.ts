import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { notAFileProblem } from '../core/files.js';
import { problem, type Problem } from '../core/problems.js';
import { columnLetter, type RawTable } from './table.js';
import { OLE_MAGIC, startsWith } from './file-magic.js';
import { decodeText, looksLikeUnmarkedUtf16 } from './text-encoding.js';

/** CRLF, LF and CR all end a line, mixed in one file as files edited on several machines are. */
const LINE_BREAK = /\r\n|\n|\r/g;
const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
const delimiterNames = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

/** How many bytes of text the delimiter is guessed from: enough for a title block and a header. */
const DELIMITER_SAMPLE = 65_536;

/**
 * Comma, semicolon or tab: whichever the header line uses most outside quotes — the first line
 * that has any, so a title line without one above the header is passed over. A title line with a
 * delimiter of its own (统计日期：… 至 …, 制表时间：… above a tab-separated header) is passed over
 * too: when the next line with any uses another delimiter more often and closes every quote it
 * opens (a header, quoted or not, not part of a quoted cell run over two lines), that line decides.
 * Those lines alone decide: a stray quote or a quoted line break further down cannot change the answer.
 */
export function detectDelimiter(text: string): Delimiter {
  const found: { delimiter: Delimiter; count: number; runsOver: boolean }[] = [];
  for (const line of text.slice(0, DELIMITER_SAMPLE).split(LINE_BREAK).slice(0, 10)) {
    const unquoted = line.replace(/"(?:[^"]|"")*"/g, '');
    const counts = DELIMITERS.map((d) => [d, unquoted.split(d).length - 1] as const);
    const [delimiter, count] = counts.reduce((most, c) => (c[1] > most[1] ? c : most));
    // An odd number of quote marks: a quoted cell runs on to (or from) another line, and the count is not the row's.
    if (count > 0) found.push({ delimiter, count, runsOver: (line.match(/"/g)?.length ?? 0) % 2 === 1 });
    if (found.length === 2) break;
  }
  const [first, next] = found;
  if (!first) return ',';
  return next && !next.runsOver && next.delimiter !== first.delimiter && next.count > first.count ? next.delimiter : first.delimiter;
}

/** A line break before the record's own end: a quoted cell runs over lines. */
const INNER_LINE_BREAK = /[\r\n](?!\n?$)/;

function lineBreaks(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}

/** A quoted field that runs over a line break, as csv-parse reads it. */
interface MultiLineQuote {
  /** The line its opening quote is on, and the line it closed on (null: never closed). */
  opened: number;
  closed: number | null;
  /** Closed by a quote followed by a delimiter or a line end (RFC 4180), not relaxed by other text. */
  strict: boolean;
  /** The most delimiters one line after the first holds inside the quote: as many as a row has, and it looks like rows, not one cell's text. */
  laterLineDelimiters: number;
}

/**
 * The quoted fields of some CSV text that run over line breaks, scanning as csv-parse does
 * (RFC 4180, with relax_quotes): a quote opens a field only at its start, "" is a quote inside
 * one, and a quote followed by anything but a delimiter or a line end closes it all the same.
 */
function multiLineQuotes(text: string, delimiter: Delimiter, firstLine: number): MultiLineQuote[] {
  const found: MultiLineQuote[] = [];
  let line = firstLine;
  let fieldStart = true;
  let open: MultiLineQuote | null = null;
  let lineDelimiters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      lineDelimiters = 0;
      fieldStart = open === null;
    } else if (open !== null) {
      if (c === delimiter && line > open.opened) open.laterLineDelimiters = Math.max(open.laterLineDelimiters, ++lineDelimiters);
      if (c !== '"') continue;
      if (text[i + 1] === '"') {
        i++;
        continue;
      }
      const next = text[i + 1];
      const closed = { ...open, closed: line, strict: next === undefined || next === delimiter || next === '\r' || next === '\n' };
      if (line > open.opened) found.push(closed);
      open = null;
      fieldStart = false;
    } else if (c === '"' && fieldStart) {
      open = { opened: line, closed: null, strict: false, laterLineDelimiters: 0 };
      fieldStart = false;
    } else {
      fieldStart = c === delimiter;
    }
  }
  return open === null ? found : [...found, open];
}

/** Reads one CSV file (or tab-separated .txt) as a raw table, named after the file; row numbers are the line each record starts on. */
export async function readCsv(path: string, sheet = basename(path).replace(/\.(?:csv|txt|tsv)$/i, '')): Promise<{ table: RawTable | null; problems: Problem[] }> {
  // Problems with the file itself name the sheet too: it is what the run is then without.
  const notAFile = notAFileProblem(path);
  if (notAFile) return { table: null, problems: [{ ...notAFile, at: { file: path, sheet } }] };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { table: null, problems: [problem(code === 'ENOENT' ? 'file_missing' : 'file_unreadable', { file: path, sheet }, { reason: code === 'EACCES' ? 'locked' : 'corrupt', detail: code ?? '' })] };
  }
  return parseCsv(bytes, path, sheet);
}

/**
 * A CSV file's bytes as a raw table, or every quoting problem found, each at its line. The
 * delimiter is detected from the first lines unless given.
 */
export function parseCsv(bytes: Uint8Array, path: string, sheet: string, given?: Delimiter): { table: RawTable | null; problems: Problem[] } {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return { table: null, problems: [problem('csv_is_workbook', { file: path, sheet }, { kind: 'xlsx' })] };
  }
  // An old .xls (or a WPS .et): an OLE compound file, read as text it is binary noise.
  if (startsWith(bytes, OLE_MAGIC)) {
    return { table: null, problems: [problem('csv_is_workbook', { file: path, sheet }, { kind: 'xls' })] };
  }
  if (looksLikeUnmarkedUtf16(bytes)) return { table: null, problems: [problem('text_utf16_unmarked', { file: path, sheet })] };
  const { text, encoding, undecodable } = decodeText(bytes);
  const delimiter = given ?? detectDelimiter(text);
  const at = (row: number) => ({ file: path, sheet, row });
  const rows: RawTable['rows'] = [];
  const problems: Problem[] = [];
  // Records whose quoted cells run over line breaks, judged once the table's width is known.
  const spanning: { quote: MultiLineQuote; fields: number }[] = [];
  let widest = 0;
  // Where the next record starts: its line, and its offset in the text.
  let line = 1;
  let offset = 0;
  try {
    parse(text, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
      on_record: (value) => {
        // With raw: true each record comes with its source text (csv-parse's typings miss this).
        const { record, raw } = value as unknown as { record: string[]; raw: string };
        const quotes = INNER_LINE_BREAK.test(raw) ? multiLineQuotes(raw, delimiter, line) : [];
        if (quotes.length === 0) widest = Math.max(widest, record.length);
        for (const quote of quotes) spanning.push({ quote, fields: record.length });
        if (undecodable) record.forEach((c, column) => c.includes('\ufffd') && problems.push(problem('csv_cell_undecodable', { ...at(line), columnLetter: columnLetter(column) }, { value: c, encoding })));
        // A zero byte in text (not UTF-16: looksLikeUnmarkedUtf16) is damage or a paste from elsewhere; ids and names would match with it dropped.
        if (raw.includes('\0')) record.forEach((c, column) => c.includes('\0') && problems.push(problem('csv_cell_nul', { ...at(line), columnLetter: columnLetter(column) }, { value: c })));
        if (record.some((c) => c !== '')) rows.push({ row: line, cells: record.map((c) => (c === '' ? null : excelText(c))) });
        line += lineBreaks(raw);
        offset += raw.length;
        return null;
      },
    });
  } catch (error) {
    const unclosed = (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? multiLineQuotes(text.slice(offset), delimiter, line).find((q) => q.closed === null) : undefined;
    if (unclosed) problems.push(problem('csv_quote_unclosed', at(unclosed.opened)));
    else problems.push(problem('csv_invalid', at(line), { detail: String((error as Error).message).split('\n')[0] ?? '' }));
  }
  // A stray quote joins the rows up to the next quote into one cell: the joined record is
  // wider than any single-line one, holds a row's delimiters on a line after a break, or closes oddly.
  for (const { quote, fields } of spanning) {
    // A later line with a row's delimiters (widest − 1) is a row swallowed; fewer are a note's own commas (RFC 4180).
    if (quote.closed !== null && (!quote.strict || quote.laterLineDelimiters >= Math.max(1, widest - 1) || fields > widest)) {
      problems.push(problem('csv_quote_spans_rows', at(quote.opened), { last: quote.closed, delimiter: delimiterNames[delimiter] }));
    }
  }
  return { table: problems.length > 0 ? null : { file: path, sheet, rows }, problems };
}

/**
 * Excel's way to keep a CSV cell as text, ="0001": Excel shows 0001 (a formula whose result is
 * that text), so kaohe reads 0001. Any other cell is as written.
 */
function excelText(cell: string): string {
  const m = /^="((?:[^"]|"")*)"$/.exec(cell);
  return m ? m[1]!.replace(/""/g, '"') : cell;
}
