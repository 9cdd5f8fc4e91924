import { basename } from 'node:path';
import { Parser } from 'csv-parse';
import { notAFileProblem } from '../core/files.js';
import { problem, type Problem } from '../core/problems.js';
import { columnLetter, type RawRow, type RawTable } from './table.js';
import { fileHead, OLE_MAGIC, startsWith } from './file-magic.js';
import { CELL_LIMIT, fileBytes, inMemory, LINE_BREAK, looksLikeUnmarkedUtf16, textChoice, textPieces, type ByteChunks, type TextChoice } from './text-encoding.js';

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

/**
 * The most characters one record may take while it is read (its cells, and its text with the
 * delimiters): past them it is refused before it is held whole. A row of four full cells fits;
 * a record of millions of one-character cells would weigh far more than its text.
 */
const RECORD_LIMIT = 4 * CELL_LIMIT;

/** Reads one CSV file (or tab-separated .txt) as a raw table, named after the file; row numbers are the line each record starts on. */
export async function readCsv(path: string, sheet = csvSheetName(path)): Promise<{ table: RawTable | null; problems: Problem[] }> {
  const rows: RawRow[] = [];
  const problems = await readCsvRows(path, sheet, (row) => void rows.push(row));
  return { table: problems.length > 0 ? null : { file: path, sheet, rows }, problems };
}

/** The sheet a CSV file is taken for when nothing names it: its name without .csv, .txt or .tsv. */
export const csvSheetName = (path: string) => basename(path).replace(/\.(?:csv|txt|tsv)$/i, '');

/**
 * Reads one CSV file a piece at a time, handing each row with a value to `onRow` as it comes, so
 * a file of any size is read in the memory its rows take where they are kept. The rows are not
 * the table's when problems are returned: a problem found late (a quote that swallowed rows) makes
 * every row handed doubtful. `onRow` returns true to read no further (the problems are then not all found).
 */
export async function readCsvRows(path: string, sheet: string, onRow: RowTaker): Promise<Problem[]> {
  // Problems with the file itself name the sheet too: it is what the run is then without.
  const notAFile = notAFileProblem(path);
  if (notAFile) return [{ ...notAFile, at: { file: path, sheet } }];
  try {
    return parseCsvChunks(await fileHead(path), fileBytes(path), path, sheet, onRow);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [problem(code === 'ENOENT' ? 'file_missing' : 'file_unreadable', { file: path, sheet }, { reason: code === 'EACCES' ? 'locked' : 'corrupt', detail: code ?? '' })];
  }
}

/**
 * A CSV file's bytes as a raw table, or every quoting problem found, each at its line. The
 * delimiter is detected from the first lines unless given.
 */
export function parseCsv(bytes: Uint8Array, path: string, sheet: string, given?: Delimiter): { table: RawTable | null; problems: Problem[] } {
  const rows: RawRow[] = [];
  const problems = parseCsvChunks(bytes, inMemory(bytes), path, sheet, (row) => void rows.push(row), given);
  return { table: problems.length > 0 ? null : { file: path, sheet, rows }, problems };
}

/** parseCsv over a text's bytes in pieces; `head`: its first bytes (what it is is told from them). */
function parseCsvChunks(head: Uint8Array, bytes: ByteChunks, path: string, sheet: string, onRow: RowTaker, given?: Delimiter): Problem[] {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) return [problem('csv_is_workbook', { file: path, sheet }, { kind: 'xlsx' })];
  // An old .xls (or a WPS .et): an OLE compound file, read as text it is binary noise.
  if (startsWith(head, OLE_MAGIC)) return [problem('csv_is_workbook', { file: path, sheet }, { kind: 'xls' })];
  if (looksLikeUnmarkedUtf16(head, bytes)) return [problem('text_utf16_unmarked', { file: path, sheet })];
  const choice = textChoice(head, bytes);
  const pieces = textPieces(bytes, choice);
  // The delimiter is told from the text's start: the pieces read for it are parsed first.
  const start: string[] = [];
  let length = 0;
  // Taken one by one, not by a loop left early: that would close the pieces before the rest is read.
  for (let next = pieces.next(); !next.done; next = length < DELIMITER_SAMPLE ? pieces.next() : { done: true, value: undefined }) {
    start.push(next.value);
    length += next.value.length;
  }
  const records = new CsvRecords({ file: path, sheet }, given ?? detectDelimiter(start.join('')), choice, onRow);
  for (const piece of start) records.write(piece);
  for (const piece of pieces) {
    if (records.stopped) break;
    records.write(piece);
  }
  return records.end();
}

/** Takes a row; true: read no further. */
type RowTaker = (row: RawRow) => boolean | void;

/** csv-parse's parser core as its stream and its sync parse drive it (missing from its typings): the error met, if any, is returned. */
interface ParserCore {
  parse(bytes: Buffer | undefined, end: boolean, push: (record: unknown) => void, close: () => void): Error | undefined;
}

const ignore = () => undefined;

/**
 * CSV text parsed as it comes, piece by piece: each record with a value goes to `onRow` (row: the
 * line it starts on); quoting problems are judged at the end, once the table's width is known.
 */
class CsvRecords {
  private readonly problems: Problem[] = [];
  private readonly parser: ParserCore;
  /** Records whose quoted cells run over line breaks, judged once the table's width is known. */
  private readonly spanning: { quote: MultiLineQuote; fields: number }[] = [];
  private widest = 0;
  /** The line the next record starts on. */
  private line = 1;
  /** The text of the record being read, and how much of it the records just read took: where an unclosed quote is sought. */
  private unread = '';
  private taken = 0;
  /** An error met, or the rows' taker wants no more: nothing further is read. */
  stopped = false;

  constructor(
    private readonly where: { file: string; sheet: string },
    private readonly delimiter: Delimiter,
    private readonly decoded: Pick<TextChoice, 'encoding' | 'undecodable'>,
    private readonly onRow: RowTaker,
  ) {
    const options = {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
      max_record_size: RECORD_LIMIT,
      // With raw: true each record comes with its source text (csv-parse's typings miss this).
      on_record: (value: unknown) => this.record(value as { record: string[]; raw: string }),
    };
    this.parser = (new Parser(options) as unknown as { api: ParserCore }).api;
  }

  write(text: string): void {
    if (this.stopped) return;
    this.unread += text;
    this.parsed(this.parser.parse(Buffer.from(text), false, ignore, ignore));
  }

  /** Every problem found, once the text has all been written. */
  end(): Problem[] {
    if (!this.stopped) this.parsed(this.parser.parse(undefined, true, ignore, ignore));
    // A stray quote joins the rows up to the next quote into one cell: the joined record is
    // wider than any single-line one, holds a row's delimiters on a line after a break, or closes oddly.
    for (const { quote, fields } of this.spanning) {
      // A later line with a row's delimiters (widest − 1) is a row swallowed; fewer are a note's own commas (RFC 4180).
      if (quote.closed !== null && (!quote.strict || quote.laterLineDelimiters >= Math.max(1, this.widest - 1) || fields > this.widest)) {
        this.problems.push(problem('csv_quote_spans_rows', this.at(quote.opened), { last: quote.closed, delimiter: delimiterNames[this.delimiter] }));
      }
    }
    return this.problems;
  }

  private at(row: number) {
    return { ...this.where, row };
  }

  private record({ record, raw }: { record: string[]; raw: string }): null {
    // The records after the one the taker stopped at, in the same piece.
    if (this.stopped) return null;
    const { line, delimiter } = this;
    const quotes = INNER_LINE_BREAK.test(raw) ? multiLineQuotes(raw, delimiter, line) : [];
    if (quotes.length === 0) this.widest = Math.max(this.widest, record.length);
    for (const quote of quotes) this.spanning.push({ quote, fields: record.length });
    const { undecodable, encoding } = this.decoded;
    if (undecodable) record.forEach((c, column) => c.includes('\ufffd') && this.problems.push(problem('csv_cell_undecodable', { ...this.at(line), columnLetter: columnLetter(column) }, { value: c, encoding })));
    // A zero byte in text (not UTF-16: looksLikeUnmarkedUtf16) is damage or a paste from elsewhere; ids and names would match with it dropped.
    if (raw.includes('\0')) record.forEach((c, column) => c.includes('\0') && this.problems.push(problem('csv_cell_nul', { ...this.at(line), columnLetter: columnLetter(column) }, { value: c })));
    const tooLong = record.findIndex((c) => c.length > CELL_LIMIT);
    if (tooLong >= 0) this.problems.push(problem('csv_cell_too_long', { ...this.at(line), columnLetter: columnLetter(tooLong) }, { length: record[tooLong]!.length, limit: CELL_LIMIT }));
    else if (record.some((c) => c !== '') && this.onRow({ row: line, cells: record.map((c) => (c === '' ? null : excelText(c))) }) === true) this.stopped = true;
    this.line += lineBreaks(raw);
    this.taken += raw.length;
    return null;
  }

  /** After a piece is parsed: the text records took is dropped, and an error stops the reading at its line. */
  private parsed(error: Error | undefined): void {
    this.unread = this.unread.slice(this.taken);
    this.taken = 0;
    if (error === undefined && this.unread.length <= RECORD_LIMIT) return;
    this.stopped = true;
    const code = error === undefined ? 'CSV_MAX_RECORD_SIZE' : (error as { code?: string }).code;
    // A quote never closed, or open past the record size: the rows after it were read as one cell.
    const unclosed = code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE' ? multiLineQuotes(this.unread, this.delimiter, this.line).find((q) => q.closed === null) : undefined;
    if (unclosed) this.problems.push(problem('csv_quote_unclosed', this.at(unclosed.opened)));
    else if (code === 'CSV_MAX_RECORD_SIZE') this.problems.push(problem('csv_line_too_long', this.at(this.line), { limit: RECORD_LIMIT }));
    else this.problems.push(problem('csv_invalid', this.at(this.line), { detail: String(error?.message).split('\n')[0] ?? '' }));
  }
}

/**
 * Excel's way to keep a CSV cell as text, ="0001": Excel shows 0001 (a formula whose result is
 * that text), so kaohe reads 0001. Any other cell is as written.
 */
function excelText(cell: string): string {
  const m = /^="((?:[^"]|"")*)"$/.exec(cell);
  return m ? m[1]!.replace(/""/g, '"') : cell;
}
