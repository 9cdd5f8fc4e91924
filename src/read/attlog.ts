import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { problem, type Problem } from '../core/problems.js';
import { readLogLine, type LogLine } from './attlog-line.js';
import { rowsSource, type SheetSource } from './sheet-source.js';
import { columnLetter, type RawRow } from './table.js';
import { byteOrderMark, decodeText, withoutPadding, type DecodedText } from './text-encoding.js';

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
/** CRLF, LF, or CR alone (a log passed through an old Mac editor or some clock software). */
const LINE_BREAK = /\r\n|\r|\n/;
/** Before this year a punch comes from a clock that lost its date. */
const FIRST_YEAR = 2000;
/** A line as the clerk sees it in a text editor, each tab or run of spaces shown as two spaces (a long one is cut short where messages are worded). */
function quoted(line: string): string {
  return line.trim().replace(/\t|\s{2,}/g, '  ');
}

/**
 * A log's text: UTF-16 where a BOM says so, else the bytes as UTF-8 (a log is ASCII; a byte
 * beyond it is device junk, left in the row, which is then dropped as corrupt or kept as before).
 */
function logText(bytes: Buffer): DecodedText {
  // Only a UTF-16 mark is decoded by it: decodeText would read non-UTF-8 bytes as GB18030, to be thrown away.
  if (byteOrderMark(bytes)?.encoding.startsWith('utf-16')) return decodeText(bytes);
  return { text: withoutPadding(bytes.toString('utf8')), encoding: 'utf-8', undecodable: false };
}

/** Whether the text starts like an attlog: its first non-empty lines read as log lines. */
export function looksLikeAttlog(bytes: Buffer): boolean {
  // Read as UTF-8 (unless marked UTF-16) so a byte-order mark is white space to the pattern, not part of the first id.
  const lines = logText(bytes.subarray(0, 4096)).text.split(LINE_BREAK).filter((l) => l.trim() !== '').slice(0, 5);
  // the last sampled line may be cut at the sample's end
  const whole = lines.length > 1 ? lines.slice(0, -1) : lines;
  const read = whole.map(readLogLine);
  return read.length > 0 && read.every((l, i) => l.kind !== 'unreadable' || /^\s*\S+\t/.test(whole[i]!)) && read.some((l) => l.kind === 'punch');
}

type Punch = Extract<LogLine, { kind: 'punch' }> & { row: number };

/**
 * The punches without the copies a minutes-only layout (a log re-saved from Excel) makes of
 * punches the log also has to the second: `07:55` beside `07:55:12` of the same person is that
 * punch, not an earlier one (kept, it would make an arrival at 08:00:30 an arrival at 08:00).
 */
function withoutMinuteCopies(punches: readonly Punch[]): Punch[] {
  const minuteOf = (p: Punch) => `${p.id}\u0000${p.stamp.slice(0, 16)}`;
  const toTheSecond = new Set(punches.filter((p) => p.toTheSecond).map(minuteOf));
  return punches.filter((p) => p.toTheSecond || !toTheSecond.has(minuteOf(p)));
}

export async function attlogSource(path: string): Promise<SheetSource> {
  const bytes = await readFile(path);
  const { text, encoding, undecodable } = logText(bytes);
  const punches: Punch[] = [];
  const faults: Problem[] = [];
  let corrupt = 0;
  let reset = 0;
  let wraps = 0;
  let previous = '';
  text.split(LINE_BREAK).forEach((line, index) => {
    if (line.trim() === '') return;
    // A log has no sheet: its problems are at the file's line, as every other line problem is.
    const at = { file: path, row: index + 1 };
    // Bytes that are not text of the file's encoding: the line is not read as it came out.
    if (undecodable && line.includes('\ufffd')) {
      const fields = line.split('\t');
      const column = fields.findIndex((field) => field.includes('\ufffd'));
      faults.push(problem('csv_cell_undecodable', { ...at, columnLetter: columnLetter(column) }, { value: fields[column] ?? '', encoding }));
      return;
    }
    const read = readLogLine(line);
    if (read.kind === 'unreadable') {
      faults.push(problem('attlog_line_unreadable', at, { value: quoted(line) }));
      return;
    }
    if (read.kind === 'corrupt') {
      corrupt += 1;
      faults.push(problem('attlog_line_corrupt', at, { value: quoted(line), reason: read.reason }, 'warning'));
      return;
    }
    if (Number(read.stamp.slice(0, 4)) < FIRST_YEAR) {
      reset += 1;
      return;
    }
    if (read.stamp < previous) wraps += 1;
    previous = read.stamp;
    punches.push({ ...read, row: index + 1 });
  });
  const rows: RawRow[] = withoutMinuteCopies(punches).map((p) => ({ row: p.row, cells: [p.id, p.stamp, ...p.fields] }));
  const artefacts = corrupt + reset + wraps > 0 ? [problem('attlog_artefacts', { file: path }, { corrupt, reset, wraps }, 'warning')] : [];
  return rowsSource(path, 'attlog', [{ name: basename(path), rows }], [...faults, ...artefacts]);
}
