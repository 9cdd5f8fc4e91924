import { foldKey } from '../core/text.js';
import { withoutMark } from '../read/header.js';
import type { CellValue, RawRow } from '../read/table.js';
import { namesWeekday } from './days.js';
import type { ColumnKey, Profile } from './profile.js';

/**
 * Where a profile's header sits in a sheet: below a title block, in one row or across two (a
 * group row over a detail row, merged cells left blank by the reader). The two rows are joined
 * column by column, the group carried right over its merged span: 上班1 › 打卡时间 becomes
 * 上班1打卡时间, the flattened name the same export also uses.
 */
export interface FoundHeader {
  /** 0-based index in the head rows of the first header row. */
  index: number;
  rows: 1 | 2;
  /** Sheet row number of the last header row; data starts below it. */
  lastRow: number;
  /** Each column's names to try, most specific first (group+detail, detail, group). */
  names: string[][];
  /** Column key → column indexes (a key may repeat, e.g. several 日期 columns: the first counts). */
  columns: Map<ColumnKey, number>;
  /** Header word (folded) → column index, for slots and verdict columns. */
  byWord: Map<string, number>;
  /** Rows above the header: the title block. */
  title: RawRow[];
  score: number;
  /**
   * A weekday row between the two header rows (day numbers, 日 一 二 …, then 上班 下班) or right
   * under the header: not names, checked against the days, never read as data.
   */
  weekdays?: RawRow;
}

export const HEAD_ROWS = 30;

export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  // A date cell reads as the text Excel shows (2026-11-01, 08:30): LocalDateTime's own.
  return String(value);
}

/**
 * Folded header text without a required-column mark (*工号, 打卡时间 ＊ → 工号, 打卡时间: the
 * template's rule), and the same without a trailing unit: 迟到次数(次) → 迟到次数.
 */
function headerKeys(text: string): string[] {
  const folded = withoutMark(foldKey(text).replace(/[:：]$/, ''));
  const bare = withoutMark(folded.replace(/[(（][^()（）]*[)）]$/, ''));
  return bare !== folded && bare !== '' ? [folded, bare] : [folded];
}

function joinRows(group: RawRow, detail: RawRow): string[][] {
  const width = Math.max(group.cells.length, detail.cells.length);
  const names: string[][] = [];
  let carried = '';
  for (let c = 0; c < width; c++) {
    const g = cellText(group.cells[c]).trim();
    const d = cellText(detail.cells[c]).trim();
    if (g !== '') carried = g;
    // A blank group cell over a detail cell is the right part of a merged group.
    const groupHere = g !== '' ? g : d !== '' ? carried : '';
    // A cell merged down over both rows reads its text in each: it names the column once.
    const once = d === '' || d === g;
    names.push(once ? [groupHere] : groupHere === '' ? [d] : [groupHere + d, d, groupHere]);
  }
  return names;
}

function singleRow(row: RawRow): string[][] {
  return row.cells.map((c) => [cellText(c).trim()]);
}

/** Maps header names to the profile's column keys and words; the score is what matched. */
function mapNames(names: string[][], profile: Profile): { columns: Map<ColumnKey, number>; byWord: Map<string, number>; score: number } {
  const columns = new Map<ColumnKey, number>();
  const byWord = new Map<string, number>();
  names.forEach((candidates, index) => {
    for (const name of candidates) {
      for (const key of headerKeys(name)) {
        if (!byWord.has(key)) byWord.set(key, index);
        const column = profile.aliases.get(key);
        if (column && !columns.has(column)) columns.set(column, index);
      }
    }
  });
  const words = [...(profile.identify.words ?? []), ...(profile.slots ?? []).flatMap((s) => [s.time, ...(s.result ? [s.result] : [])])];
  const wordHits = new Set(words.map(foldKey).filter((w) => byWord.has(w))).size;
  return { columns, byWord, score: columns.size + wordHits };
}

/**
 * The header that best fits the profile among the head rows: every row, alone and joined with
 * the row below, scored by how many of the profile's columns and words it names.
 */
export function findHeader(head: readonly RawRow[], profile: Profile): FoundHeader | null {
  const modes: (1 | 2)[] = profile.header ? [profile.header.rows] : [1, 2];
  const found: FoundHeader[] = [];
  for (let i = 0; i < head.length; i++) {
    for (const rows of modes) {
      const detail = head[i + 1];
      if (rows === 2 && !detail) continue;
      const names = rows === 1 ? singleRow(head[i]!) : joinRows(head[i]!, detail!);
      const mapped = mapNames(names, profile);
      if (mapped.score > 0) found.push({ index: i, rows, lastRow: head[i + rows - 1]!.row, ...weekdaysUnder(head, i + rows - 1), names, ...mapped, title: head.slice(0, i), score: mapped.score });
      // A weekday row under the day numbers sits between them and the 上班/下班 row: joined over it.
      const below = head[i + 2];
      if (rows === 2 && below && isWeekdayRow(detail!, head[i]!)) {
        const over = joinRows(head[i]!, below);
        const overMapped = mapNames(over, profile);
        if (overMapped.score > 0) found.push({ index: i, rows, lastRow: below.row, names: over, ...overMapped, title: head.slice(0, i), score: overMapped.score, weekdays: detail! });
      }
    }
  }
  // A second row must add something, or it is a title above the header or the first data row.
  found.sort((a, b) => b.score - a.score || a.rows - b.rows || a.index - b.index);
  return found[0] ?? null;
}

/**
 * A weekday row right under the header's last row (日 一 二 … under the day numbers, as DingTalk's
 * 打卡时间 and hand grids have it): the header's, whatever the layout.
 */
function weekdaysUnder(head: readonly RawRow[], last: number): { weekdays?: RawRow } {
  const under = head[last + 1];
  return under && isWeekdayRow(under, head[last]!) ? { weekdays: under } : {};
}

/** The first row of data: below the header and a weekday row under it. */
export function firstDataRow(header: FoundHeader): number {
  return Math.max(header.lastRow, header.weekdays?.row ?? 0) + 1;
}

/**
 * A row of weekdays (日 一 二 …, holidays' names among them): at least two cells, and every cell
 * that is not the row above's text again (a cell merged down) naming one.
 */
function isWeekdayRow(row: RawRow, above: RawRow): boolean {
  const own = row.cells.flatMap((c, i) => {
    const text = cellText(c).trim();
    return text === '' || text === cellText(above.cells[i]).trim() ? [] : [text];
  });
  return own.length >= 2 && own.every(namesWeekday);
}

/**
 * Whether every column and word the profile's identify asks for is in the header; for person
 * blocks, as labels each followed by its value.
 */
export function identifies(header: FoundHeader, profile: Profile): boolean {
  const named = profile.identify.columns.every((k) => header.columns.has(k)) && (profile.identify.words ?? []).every((w) => header.byWord.has(foldKey(w)));
  return named && (profile.shape !== 'blocks' || labelsValued(header, profile));
}

/**
 * Whether the identifying labels are each followed by their value cell in their row (工 号: 0012 …
 * 姓 名: 张三; blank for a person enrolled without a name), as a person block's label row has them;
 * a roster's or a records sheet's header (工号 姓名 部门) names its columns side by side, and is not
 * a block. Only the cell right of the label decides: a blank value leaves the next label further on.
 */
function labelsValued(header: FoundHeader, profile: Profile): boolean {
  return profile.identify.columns.every((key) => {
    const at = header.columns.get(key);
    // Cells absent from the sheet are holes in the row's names.
    return at !== undefined && labelKeyOf(header.names[at + 1]?.[0] ?? '', profile) === undefined;
  });
}

/** The column a label names (工 号:, *姓名(必填)：), read as a header word is, or undefined for a value. */
export function labelKeyOf(text: string, profile: Pick<Profile, 'aliases'>): ColumnKey | undefined {
  for (const key of headerKeys(text)) {
    const column = profile.aliases.get(key);
    if (column !== undefined) return column;
  }
  return undefined;
}

/** Every column one of whose names passes the test (cards repeat their day table side by side). */
export function columnsWhere(header: Pick<FoundHeader, 'names'>, test: (key: string) => boolean): number[] {
  return header.names.flatMap((candidates, index) => (candidates.some((name) => headerKeys(name).some(test)) ? [index] : []));
}

/** The column of a header word (a slot's time column, a verdict column), or undefined. */
export function columnOf(header: FoundHeader, word: string): number | undefined {
  for (const key of headerKeys(word)) {
    const index = header.byWord.get(key);
    if (index !== undefined) return index;
  }
  return undefined;
}
