import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { problem, type Problem } from '../core/problems.js';
import { rowsSource, type SheetSource } from './sheet-source.js';
import { columnLetter, type RawRow } from './table.js';
import { decodeText, type DecodedText } from './text-encoding.js';

/**
 * ZKTeco `*_attlog.dat`: a headerless, tab-separated log, one punch a line — the user number
 * right-aligned with spaces, `YYYY-MM-DD HH:MM:SS`, then device number, punch state (in/out, 255
 * undefined), verification mode and work code. CRLF or LF; ASCII, or UTF-16 with a BOM where
 * the software saves "Unicode" text (decoded as CSV files are: src/read/text-encoding.ts).
 *
 * Devices leave artefacts: corrupt rows (negative fields, a line cut short), punches dated
 * before 2000 (a clock reset to 1970/1971), and a wrapped log (the newest block before the
 * oldest). Corrupt and reset rows are dropped and counted; a wrap is only counted, since its
 * rows are sound and punches are gathered per person and day whatever their order.
 */
const LINE = /^\s*(\S+)\t(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})((?:\t[^\t]*)*)$/;
/** Before this year a punch comes from a clock that lost its date. */
const FIRST_YEAR = 2000;

/** A stamp the clock could have written: month 1–12, a day of that month, a time within the day. */
function isRealStamp(m: RegExpExecArray): boolean {
  const field = (i: number) => Number(m[i]);
  const date = new Date(Date.UTC(field(2), field(3) - 1, field(4)));
  return date.getUTCMonth() === field(3) - 1 && date.getUTCDate() === field(4) && field(5) < 24 && field(6) < 60 && field(7) < 60;
}

/**
 * A log's text: UTF-16 where a BOM says so, else the bytes as UTF-8 (a log is ASCII; a byte
 * beyond it is device junk, left in the row, which is then dropped as corrupt or kept as before).
 */
function logText(bytes: Buffer): DecodedText {
  const decoded = decodeText(bytes);
  return decoded.encoding.startsWith('utf-16') ? decoded : { text: bytes.toString('utf8'), encoding: 'utf-8', undecodable: false };
}

/** Whether the text starts like an attlog: its first non-empty lines read as log lines. */
export function looksLikeAttlog(bytes: Buffer): boolean {
  // Read as UTF-8 (unless marked UTF-16) so a byte-order mark is white space to the pattern, not part of the first id.
  const lines = logText(bytes.subarray(0, 4096)).text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 5);
  // the last sampled line may be cut at the sample's end
  const whole = lines.length > 1 ? lines.slice(0, -1) : lines;
  return whole.length > 0 && whole.every((l) => LINE.test(l) || /^\s*\S+\t/.test(l)) && whole.some((l) => LINE.test(l));
}

export async function attlogSource(path: string): Promise<SheetSource> {
  const sheet = basename(path);
  const bytes = await readFile(path);
  const { text, encoding, undecodable } = logText(bytes);
  const rows: RawRow[] = [];
  const faults: Problem[] = [];
  let corrupt = 0;
  let reset = 0;
  let wraps = 0;
  let previous = '';
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    // Bytes that are not text of the file's encoding: the line is not read as it came out.
    if (undecodable && line.includes('\ufffd')) {
      const column = line.split('\t').findIndex((field) => field.includes('\ufffd'));
      faults.push(problem('csv_cell_undecodable', { file: path, sheet, row: index + 1, columnLetter: columnLetter(column) }, { value: line.split('\t')[column] ?? '', encoding }));
      return;
    }
    const m = LINE.exec(line);
    const fields = m ? (m[8] ?? '').split('\t').slice(1) : [];
    if (!m || fields.some((f) => /^\s*-\d/.test(f)) || m[1]!.startsWith('-') || !isRealStamp(m)) {
      corrupt += 1;
      return;
    }
    if (Number(m[2]) < FIRST_YEAR) {
      reset += 1;
      return;
    }
    const stamp = `${m[2]}-${m[3]}-${m[4]} ${m[5]}:${m[6]}:${m[7]}`;
    if (stamp < previous) wraps += 1;
    previous = stamp;
    rows.push({ row: index + 1, cells: [m[1]!, stamp, ...fields.map((f) => (f.trim() === '' ? null : f.trim()))] });
  });
  const artefacts = corrupt + reset + wraps > 0 ? [problem('attlog_artefacts', { file: path }, { corrupt, reset, wraps }, 'warning')] : [];
  return rowsSource(path, 'attlog', [{ name: sheet, rows }], [...faults, ...artefacts]);
}
