import type { CellValue } from '../read/table.js';
import { cellText } from './header.js';
import { parseLeaveText, type LeaveSpan } from './leave-text.js';
import type { LegendMeaning } from './profile.js';
import { fold } from './values.js';

/**
 * Hand-kept status grids (F6): each day cell holds a word (公司出勤, 休, 事假4H) or a symbol the
 * sheet's own legend explains — category names over their symbols in a header row, or a
 * sentence "出勤√, 事假△, 病假＋" below the grid — with half days as "X/Y" and extras as "√+夜".
 * A cell is read by the profile's words and the sheet's legend, or as a leave word; anything
 * else is not read at all (the caller reports the cell).
 */

/** What a cell (or half of it) says. */
export type DayStatus = { kind: 'present' | 'rest' } | { kind: 'verdict'; verdict: 'absent' | 'late' | 'early' } | { kind: 'leave'; spans: LeaveSpan[] };

export interface CellStatus {
  /** The whole day, or its morning and afternoon ("√/△"). */
  halves: [DayStatus] | [DayStatus, DayStatus];
}

/** A category name: Chinese characters only (出勤, 事假, 病假, 调休), as legends name them. */
const NAME = String.raw`\p{Script=Han}{1,8}`;
/** A symbol: a few characters, none of them a letter of a word or a digit (√, △, ＋, ○, ☆, ●). */
const MARK = String.raw`[^\p{Script=Han}\p{L}\d\s,，、;；:：=]{1,3}`;
const CATEGORY = new RegExp(`^${NAME}$`, 'u');
const SYMBOL = new RegExp(`^${MARK}$`, 'u');
/** "出勤√" "出勤：√" "出勤=√" "√出勤" in a sentence, pieces separated by , ， 、 ; ； or spaces. */
const NAME_FIRST = new RegExp(`^(${NAME})\\s*[:：=]?\\s*(${MARK})$`, 'u');
const SYMBOL_FIRST = new RegExp(`^(${MARK})\\s*[:：=]?\\s*(${NAME})$`, 'u');

/** A legend sentence (two pairs at least, after an optional 说明：/图例：/注：): symbol → category name. */
export function legendSentence(text: string): Map<string, string> | null {
  const body = fold(text).replace(/^(?:说明|图例|注|备注|符号说明)\s*[:：]\s*/, '');
  const pieces = body.split(/[,，、;；]+|\s{2,}/).map((p) => p.trim()).filter((p) => p !== '');
  if (pieces.length < 2) return null;
  const found = new Map<string, string>();
  for (const piece of pieces) {
    const nameFirst = NAME_FIRST.exec(piece);
    const symbolFirst = nameFirst ? null : SYMBOL_FIRST.exec(piece);
    if (nameFirst) found.set(nameFirst[2]!, nameFirst[1]!);
    else if (symbolFirst) found.set(symbolFirst[1]!, symbolFirst[2]!);
    else return null;
  }
  return found;
}

/**
 * Category names in one row over their symbols in the next (two at least); several symbols may
 * share a cell ("△ ▲").
 */
export function legendUnder(names: readonly CellValue[], symbols: readonly CellValue[]): Map<string, string> | null {
  const found = new Map<string, string>();
  names.forEach((cell, i) => {
    const name = fold(cellText(cell));
    const under = fold(cellText(symbols[i] ?? null));
    if (!CATEGORY.test(name) || under === '') return;
    const each = under.split(/[\s、,，]+/).filter((s) => s !== '');
    if (each.every((s) => SYMBOL.test(s))) for (const s of each) found.set(s, name);
  });
  return found.size >= 2 ? found : null;
}

/** Reads a cell by the profile's words and the sheet's legend; null when any part of it is not known. */
export function readStatus(text: string, words: ReadonlyMap<string, LegendMeaning>, symbols: ReadonlyMap<string, string>, day: LeaveSpan['first']): CellStatus | null {
  const whole = readPart(text, words, symbols, day);
  if (whole) return { halves: [whole] };
  const halves = text.split('/');
  if (halves.length !== 2) return null;
  const [morning, afternoon] = halves.map((h) => readPart(h.trim(), words, symbols, day));
  return morning && afternoon ? { halves: [morning, afternoon] } : null;
}

/** One status, or extras joined by "+" of which at most one is not presence ("√+夜"). */
function readPart(text: string, words: ReadonlyMap<string, LegendMeaning>, symbols: ReadonlyMap<string, string>, day: LeaveSpan['first']): DayStatus | null {
  const single = readOne(text, words, symbols, day);
  if (single || !text.includes('+')) return single;
  const parts = text.split('+').map((p) => readOne(p.trim(), words, symbols, day));
  if (parts.some((p) => p === null)) return null;
  const notPresent = parts.filter((p) => p!.kind !== 'present');
  return notPresent.length === 0 ? { kind: 'present' } : notPresent.length === 1 ? notPresent[0]! : null;
}

function readOne(text: string, words: ReadonlyMap<string, LegendMeaning>, symbols: ReadonlyMap<string, string>, day: LeaveSpan['first']): DayStatus | null {
  if (text === '') return null;
  const word = symbols.get(text) ?? text;
  const meaning = words.get(word);
  if (meaning) return meaning === 'present' || meaning === 'rest' ? { kind: meaning } : { kind: 'verdict', verdict: meaning };
  // A leave word, alone or with its length (事假, 事假4H, 调休2.5H); the scheme says what it excuses.
  const spans = parseLeaveText(word, day, undefined);
  return Array.isArray(spans) && spans.every((s) => CATEGORY.test(s.type)) ? { kind: 'leave', spans } : null;
}
