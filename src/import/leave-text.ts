import type { Seconds } from '../calendar/hours.js';
import { addDays } from '../calendar/calendar.js';
import type { IsoDate } from '../core/dates.js';
import { untypedLeaveWord } from '../scheme/lists.js';
import { inYear, spanAround } from './range.js';
import { fold } from './values.js';

/**
 * Leave as exports write it in a cell (DingTalk 关联的审批单, WeCom 假勤申请, hand grids):
 *   事假10-09 09:00到10-09 18:00 8小时      a type and a span to the minute, with its length
 *   年假1天（11/5 上午 - 11/5 下午）          a type, a length, and a span in half days
 *   事假4H, 调休2.5H, 病假1天, 事假           a type with a length, or alone, on the row's day
 * The type is kept as written; the scheme decides what each word excuses.
 */
export interface LeaveSpan {
  type: string;
  first: IsoDate;
  last: IsoDate;
  startTime: Seconds | null;
  endTime: Seconds | null;
  length: string;
  part: '上午' | '下午' | null;
}

const TYPE = '([^\\d\\s:：~～(（)）\\-—/,，;；]+?)';
const DAY = '(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2})';
const CLOCK = '(\\d{1,2}[:：]\\d{2})';
const UNTIL = '\\s*(?:到|至|~|～|-|—)\\s*';
const LENGTH = '(\\d+(?:\\.\\d+)?\\s*(?:小时|个小时|天|h|d))';
const HALF = '(上午|下午)';

const BY_MINUTE = new RegExp(`^${TYPE}\\s*${DAY}\\s+${CLOCK}${UNTIL}${DAY}\\s+${CLOCK}\\s*(?:共\\s*)?${LENGTH}?$`, 'i');
const BY_HALF_DAY = new RegExp(`^${TYPE}\\s*${LENGTH}?\\s*(?:[(（]\\s*${DAY}\\s*${HALF}?${UNTIL}${DAY}\\s*${HALF}?\\s*[)）])?$`, 'i');

/** Leave the platform marks without saying which (钉钉 请假, 企业微信 正常（请假）): 请假 alone, on the day or one half. */
export function untypedLeave(day: IsoDate, part: '上午' | '下午' | null): LeaveSpan {
  return { type: untypedLeaveWord, first: day, last: day, startTime: null, endTime: null, length: '', part };
}

/** "8h" → "8小时", "1D" → "1天": lengths written one way, as the 请假 sheet reads them. */
export function lengthText(written: string | undefined): string {
  if (!written) return '';
  const m = /^(\d+(?:\.\d+)?)\s*(小时|个小时|天|h|d)$/i.exec(written.trim());
  if (!m) return written.trim();
  return `${m[1]}${/^(小时|个小时|h)$/i.test(m[2]!) ? '小时' : '天'}`;
}

/**
 * A span's two dates as written, years supplied: around the row's day when there is one (a span
 * whose end is before its start crosses New Year, as a title's range does), else in `year`.
 */
function spanDays(from: string, to: string, day: IsoDate | null, year: number | undefined): { first: IsoDate; last: IsoDate } | null {
  const [f, t] = [from.replace(/\./g, '-'), to.replace(/\./g, '-')];
  if (day) return spanAround(f, t, day);
  return year === undefined ? null : inYear(f, t, year);
}

/** 09:00 … 24:00 (a leave to the end of the day); 24:30 is no time of the day, refused rather than read as 00:30 of the next. */
function clockOf(text: string): Seconds | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text);
  if (!m || Number(m[2]) > 59) return null;
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60;
  return seconds > 24 * 3600 ? null : seconds;
}

/**
 * A span in half days as separate rows, so each row is whole days or one half:
 * 11/5 下午 – 11/7 上午 → 11/5 下午, 11/6 全天, 11/7 上午.
 */
export function halfDaySpans(type: string, length: string, first: IsoDate, firstHalf: '上午' | '下午' | null, last: IsoDate, lastHalf: '上午' | '下午' | null): LeaveSpan[] {
  const base = { type, startTime: null, endTime: null, length };
  if (first === last) return [{ ...base, first, last, part: firstHalf !== null && firstHalf === lastHalf ? firstHalf : null }];
  const spans: LeaveSpan[] = [];
  let from = first;
  let to = last;
  if (firstHalf === '下午') {
    spans.push({ ...base, first, last: first, part: '下午' });
    from = addDays(first, 1);
  }
  if (lastHalf === '上午') to = addDays(last, -1);
  if (from <= to) spans.push({ ...base, first: from, last: to, part: null });
  if (lastHalf === '上午') spans.push({ ...base, first: last, last, part: '上午' });
  return spans;
}

/**
 * Whether a cell's leave says nothing of when (调休2H, 事假, 事假4小时): no dates, no times, no
 * halves, no length in days. On the row of one expected punch it is that punch's session's.
 */
export function leaveOfTheRowAlone(written: string): boolean {
  return leavePieces(written).every((piece) => {
    const half = BY_MINUTE.test(piece) ? null : BY_HALF_DAY.exec(piece);
    return half !== null && half[3] === undefined && !/(天|d)$/i.test(half[2] ?? '');
  });
}

/** A leave cell's pieces, one leave each (split at new lines and semicolons). */
function leavePieces(written: string): string[] {
  return fold(written)
    .split(/[\n;；]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * Why a leave cell was not read: `form`, a piece written in none of the forms above; `dates`, a
 * piece written in one but whose dates or times cannot be (02-30, 25:00, an end before its start).
 */
export interface LeaveMisread {
  wrong: 'form' | 'dates';
  piece: string;
}

/** Every leave in a cell, or why a piece of it cannot be read. `day` is the row's date. */
export function parseLeaveText(written: string, day: IsoDate | null, year: number | undefined): LeaveSpan[] | LeaveMisread {
  const spans: LeaveSpan[] = [];
  for (const piece of leavePieces(written)) {
    const minute = BY_MINUTE.exec(piece);
    if (minute) {
      const [, type, d1, t1, d2, t2, length] = minute;
      const days = spanDays(d1!, d2!, day, year);
      const startTime = clockOf(t1!);
      const endTime = clockOf(t2!);
      if (!days || startTime === null || endTime === null) return { wrong: 'dates', piece };
      spans.push({ type: type!, ...days, startTime, endTime, length: lengthText(length), part: null });
      continue;
    }
    const half = BY_HALF_DAY.exec(piece);
    if (!half) return { wrong: 'form', piece };
    const [, type, length, d1, h1, d2, h2] = half;
    if (d1 === undefined) {
      if (!day) return { wrong: 'form', piece };
      spans.push({ type: type!, first: day, last: day, startTime: null, endTime: null, length: lengthText(length), part: null });
      continue;
    }
    const days = spanDays(d1, d2!, day, year);
    if (!days) return { wrong: 'dates', piece };
    spans.push(...halfDaySpans(type!, lengthText(length), days.first, (h1 as '上午' | '下午' | undefined) ?? null, days.last, (h2 as '上午' | '下午' | undefined) ?? null));
  }
  return spans;
}
