import { basename } from 'node:path';
import { problem, type Problem } from '../core/problems.js';
import { readLogLine, type LogLine } from './attlog-line.js';
import { fileHead } from './file-magic.js';
import { streamedSource, type SheetSource } from './sheet-source.js';
import { columnLetter, type RawRow } from './table.js';
import { byteOrderMark, CELL_LIMIT, fileBytes, LINE_BREAK, inMemory, textChoice, textPieces, type ByteChunks, type TextChoice } from './text-encoding.js';

/**
 * ZKTeco `*_attlog.dat`: a headerless log, one punch a line — the user number right-aligned with
 * spaces, `YYYY-MM-DD HH:MM:SS`, then device number, punch state (in/out, 255 undefined),
 * verification mode and work code; tab-separated as the device writes it, or in the other layouts
 * the same log is met in (read/attlog-line.ts). CRLF, LF or CR; ASCII, or UTF-16 with a BOM where
 * the software saves "Unicode" text (decoded as CSV files are: src/read/text-encoding.ts).
 *
 * Devices leave artefacts: corrupt rows (negative fields, a line cut short, a date-time no clock
 * shows), punches dated before 2000 (a clock reset to 1970/1971), and a wrapped log (the newest
 * block before the oldest). Corrupt rows are dropped, each named by its line; reset rows are
 * dropped and counted; a wrap is only counted, since its rows are sound and punches are gathered
 * per person and day whatever their order. Any other line that is not a punch stops the run at
 * its line: it may be a punch in a layout not read, and dropping it would make a worked day an absence.
 */
/** Before this year a punch comes from a clock that lost its date. */
const FIRST_YEAR = 2000;
/** A line as the clerk sees it in a text editor, each tab or run of spaces shown as two spaces (a long one is cut short where messages are worded). */
function quoted(line: string): string {
  return line.trim().replace(/\t|\s{2,}/g, '  ');
}

/**
 * How a log's bytes are decoded: UTF-16 where a BOM says so, else as UTF-8 (a log is ASCII; a
 * byte beyond it is device junk, left in the row, which is then dropped as corrupt or kept as before).
 */
function logChoice(head: Uint8Array, bytes: ByteChunks): TextChoice {
  // Only a UTF-16 mark is decoded by it: textChoice would read non-UTF-8 bytes as GB18030, to be thrown away.
  if (byteOrderMark(head)?.encoding.startsWith('utf-16')) return textChoice(head, bytes);
  return { encoding: 'utf-8', undecodable: false, skip: 0 };
}

/** A log's text in pieces; a UTF-8 byte-order mark stays, white space to the line pattern, not part of the first id. */
const logPieces = (bytes: ByteChunks, choice: TextChoice) => textPieces(bytes, choice, choice.encoding === 'utf-8');

/** Whether the text starts like an attlog: its first non-empty lines read as log lines. */
export function looksLikeAttlog(bytes: Buffer): boolean {
  const sample = inMemory(bytes.subarray(0, 4096));
  const lines = [...logPieces(sample, logChoice(bytes, sample))].join('').split(LINE_BREAK).filter((l) => l.trim() !== '').slice(0, 5);
  // the last sampled line may be cut at the sample's end
  const whole = lines.length > 1 ? lines.slice(0, -1) : lines;
  const read = whole.map(readLogLine);
  return read.length > 0 && read.every((l, i) => l.kind !== 'unreadable' || /^\s*\S+\t/.test(whole[i]!)) && read.some((l) => l.kind === 'punch');
}

/**
 * A log's lines numbered from 1 (CRLF, LF or a lone CR, as LINE_BREAK), read a piece at a time. A
 * line past CELL_LIMIT comes cut to it, `cut` set, and the rest of it is skipped unread: no punch
 * is a million characters long.
 */
function* logLines(pieces: Iterable<string>): Generator<{ text: string; row: number; cut: boolean }> {
  let row = 1;
  let rest = '';
  // The line being read is past the limit: said already, read no further.
  let skipping = false;
  const lineBreak = new RegExp(LINE_BREAK.source, 'g');
  for (const piece of pieces) {
    const text = rest + piece;
    let start = 0;
    lineBreak.lastIndex = 0;
    for (let found = lineBreak.exec(text); found !== null; found = lineBreak.exec(text)) {
      // A CR that ends the text may be a CRLF's first half, its LF in the next piece: read on first.
      if (found[0] === '\r' && found.index === text.length - 1) break;
      if (!skipping) yield lineOf(text.slice(start, found.index), row);
      skipping = false;
      row += 1;
      start = found.index + found[0].length;
    }
    rest = skipping ? '' : text.slice(start);
    if (rest.length > CELL_LIMIT) {
      yield lineOf(rest, row);
      skipping = true;
      rest = '';
    }
  }
  if (!skipping) yield lineOf(rest.endsWith('\r') ? rest.slice(0, -1) : rest, row);
}

const lineOf = (text: string, row: number) => (text.length > CELL_LIMIT ? { text: text.slice(0, CELL_LIMIT), row, cut: true } : { text, row, cut: false });

type Punch = Extract<LogLine, { kind: 'punch' }> & { row: number };

/** What one line of a log is: a punch, a problem to say (corrupt: a device artefact), a clock reset's punch, or nothing. */
type LineRead = { kind: 'punch'; punch: Punch } | { kind: 'fault'; fault: Problem; corrupt: boolean } | { kind: 'reset' } | { kind: 'blank' };

function readLine({ text: line, row, cut }: { text: string; row: number; cut: boolean }, file: string, decoded: TextChoice): LineRead {
  if (line.trim() === '') return { kind: 'blank' };
  // A log has no sheet: its problems are at the file's line, as every other line problem is.
  const at = { file, row };
  if (cut) return { kind: 'fault', fault: problem('attlog_line_unreadable', at, { value: quoted(line) }), corrupt: false };
  // Bytes that are not text of the file's encoding: the line is not read as it came out.
  if (decoded.undecodable && line.includes('\ufffd')) {
    const fields = line.split('\t');
    const column = fields.findIndex((field) => field.includes('\ufffd'));
    return { kind: 'fault', fault: problem('csv_cell_undecodable', { ...at, columnLetter: columnLetter(column) }, { value: fields[column] ?? '', encoding: decoded.encoding }), corrupt: false };
  }
  const read = readLogLine(line);
  if (read.kind === 'unreadable') return { kind: 'fault', fault: problem('attlog_line_unreadable', at, { value: quoted(line) }), corrupt: false };
  if (read.kind === 'corrupt') return { kind: 'fault', fault: problem('attlog_line_corrupt', at, { value: quoted(line), reason: read.reason }, 'warning'), corrupt: true };
  if (Number(read.stamp.slice(0, 4)) < FIRST_YEAR) return { kind: 'reset' };
  return { kind: 'punch', punch: { ...read, row } };
}

/** A punch's person and minute: a minutes-only copy of a punch to the second shares it. */
const minuteOf = (p: Punch) => `${p.id}\u0000${p.stamp.slice(0, 16)}`;

/**
 * A clock's log as a one-sheet source, read from the file a piece at a time, never held: a log
 * runs for years (attendance-exports.md F1), and the rows a run does not keep (punches outside its
 * period) cost nothing. Opening reads it once for its problems; each read of its rows reads it again.
 */
export async function attlogSource(path: string): Promise<SheetSource> {
  const head = await fileHead(path);
  const bytes = fileBytes(path);
  const decoded = logChoice(head, bytes);
  const lines = function* () {
    for (const line of logLines(logPieces(bytes, decoded))) yield readLine(line, path, decoded);
  };
  const faults: Problem[] = [];
  let corrupt = 0;
  let reset = 0;
  let wraps = 0;
  let previous = '';
  // Punches of each kind: only a log with both (re-saved from Excel, then added to by the device) can hold a copy of a punch to the minute.
  let toTheMinute = 0;
  let toTheSecond = 0;
  for (const read of lines()) {
    if (read.kind === 'fault') {
      faults.push(read.fault);
      if (read.corrupt) corrupt += 1;
    } else if (read.kind === 'reset') reset += 1;
    else if (read.kind === 'punch') {
      if (read.punch.stamp < previous) wraps += 1;
      previous = read.punch.stamp;
      if (read.punch.toTheSecond) toTheSecond += 1;
      else toTheMinute += 1;
    }
  }
  const copies = toTheMinute > 0 && toTheSecond > 0 ? minuteCopies(lines) : new Set<string>();
  const name = basename(path);
  /** The log's rows, each punch one, until `onRow` returns true. */
  const eachRow = (onRow: (row: RawRow) => boolean | void) => {
    for (const read of lines()) {
      if (read.kind !== 'punch' || (!read.punch.toTheSecond && copies.size > 0 && copies.has(minuteOf(read.punch)))) continue;
      const p = read.punch;
      if (onRow({ row: p.row, cells: [p.id, p.stamp, ...p.fields] }) === true) return;
    }
  };
  const artefacts = corrupt + reset + wraps > 0 ? [problem('attlog_artefacts', { file: path }, { corrupt, reset, wraps }, 'warning')] : [];
  return streamedSource(path, 'attlog', name, [...faults, ...artefacts], eachRow);
}

/**
 * The minutes-only punches that copy a punch the log also has to the second: `07:55` beside
 * `07:55:12` of the same person is that punch, not an earlier one (kept, it would make an arrival
 * at 08:00:30 an arrival at 08:00). Asked only of a log with punches of both kinds: a device's
 * log has none to the minute, one re-saved from Excel none to the second, and neither is read
 * again for them nor holds a set of its years' punches.
 */
function minuteCopies(lines: () => Iterable<LineRead>): ReadonlySet<string> {
  const minutesOnly = new Set<string>();
  for (const read of lines()) if (read.kind === 'punch' && !read.punch.toTheSecond) minutesOnly.add(minuteOf(read.punch));
  const copies = new Set<string>();
  for (const read of lines()) {
    if (read.kind === 'punch' && read.punch.toTheSecond && minutesOnly.has(minuteOf(read.punch))) copies.add(minuteOf(read.punch));
  }
  return copies;
}
