import { z } from 'zod';
import type { WorkCalendar } from '../calendar/calendar.js';
import { parseClock, seconds, type Seconds, type WorkingHours } from '../calendar/hours.js';
import { fromExcelSerial, fromJsDate, parseDateText, type IsoDate } from '../core/dates.js';
import { periodContains, type Period } from '../core/period.js';
import { problem, type Problem } from '../core/problems.js';
import { cleanName, foldKey } from '../core/text.js';
import type { Leave, LeaveType } from '../derive/attendance.js';
import { PunchBook } from '../derive/punches.js';
import { isBlank, mapHeader, type ColumnSpec } from '../read/header.js';
import { locate, type CellValue, type RawTable, type Table } from '../read/table.js';
import { leaveTypes } from '../scheme/lists.js';
import type { Person } from '../score/input.js';
import { date, optionalName, parseRows, requiredName } from './fields.js';

const punchColumns = [
  { key: 'id', headers: ['工号', '编号', '人员编号', '考勤号', 'id'] },
  { key: 'name', headers: ['姓名', '名字', 'name'] },
  { key: 'date', headers: ['日期', '考勤日期', '打卡日期', 'date'] },
  { key: 'time', headers: ['时间', '打卡时刻', 'time'] },
  { key: 'cell', headers: ['打卡时间', '打卡记录', '刷卡时间', 'punches'] },
  { key: 'amIn', headers: ['上午上班', '上班1', 'am_in'] },
  { key: 'amOut', headers: ['上午下班', '下班1', 'am_out'] },
  { key: 'pmIn', headers: ['下午上班', '上班2', 'pm_in'] },
  { key: 'pmOut', headers: ['下午下班', '下班2', 'pm_out'] },
] as const satisfies readonly ColumnSpec<string>[];

const leaveColumns = [
  { key: 'id', headers: ['工号', '编号', '人员编号', 'id'] },
  { key: 'name', headers: ['姓名', '名字', 'name'] },
  { key: 'type', headers: ['类型', '请假类型', '假别', 'type'], required: true },
  { key: 'first', headers: ['开始日期', '开始', '起始日期', 'start'], required: true },
  { key: 'last', headers: ['结束日期', '结束', '截止日期', 'end'] },
  { key: 'part', headers: ['时段', 'part'] },
  { key: 'approver', headers: ['审批人', 'approver'] },
  { key: 'reason', headers: ['事由', '原因', 'reason'] },
] as const satisfies readonly ColumnSpec<string>[];

type PunchKey = (typeof punchColumns)[number]['key'];

/** A time of day from a cell: Excel time (fraction of a day or a 1899-12-30 date), or text. */
function timeOf(value: CellValue): Seconds | null {
  if (typeof value === 'number') return value >= 0 && value < 1 ? Math.round(value * 86400) : null;
  if (value instanceof Date) return seconds(value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds());
  if (typeof value === 'string') return parseClock(value);
  return null;
}

function dateOf(value: CellValue, year: number): IsoDate | null {
  if (value instanceof Date) return fromJsDate(value);
  if (typeof value === 'number') return fromExcelSerial(value);
  if (typeof value === 'string') return parseDateText(value, year);
  return null;
}

/**
 * The tokens of a one-cell export ("08:01 11:32 14:58 17:31", or with a date: "2026-10-05 08:01"):
 * times, and dates that set the day for the times after them.
 */
function tokens(value: CellValue): CellValue[] {
  if (typeof value !== 'string') return [value];
  return value
    .normalize('NFKC')
    .split(/[\s,;，；、|]+/)
    .filter((t) => t !== '');
}

export interface PunchReading {
  punches: PunchBook;
  problems: Problem[];
  table: Table<PunchKey> | null;
}

/**
 * Reads 考勤 in any of its three shapes (long: one punch per row; one cell holding several
 * times; wide: 上午上班 … 下午下班), folding punches into a PunchBook as it goes.
 */
export function readPunches(raw: RawTable, roster: readonly Person[], period: Period, hours: WorkingHours, calendar: WorkCalendar): PunchReading {
  const problems: Problem[] = [];
  const punches = new PunchBook(hours);
  const { table, problems: headerProblems } = mapHeader(raw, punchColumns);
  problems.push(...headerProblems.filter((p) => p.code !== 'column_unknown'));
  if (!table) return { punches, problems, table: null };
  const has = (key: PunchKey) => table.columns.some((c) => c.key === key);
  const wide = ['amIn', 'amOut', 'pmIn', 'pmOut'].filter((k) => has(k as PunchKey)) as PunchKey[];
  const shape = has('time') ? 'long' : has('cell') ? 'cell' : wide.length > 0 ? 'wide' : null;
  if (!shape || (!has('id') && !has('name'))) {
    problems.push(problem('punch_shape_unknown', locate(table, table.headerRow)));
    return { punches, problems, table };
  }
  const byId = new Map(roster.map((p) => [p.id, p]));
  const byName = new Map<string, Person[]>();
  for (const p of roster) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const column = (key: PunchKey) => table.columns.find((c) => c.key === key);
  const unknown = new Map<string, { row: number; count: number; column: PunchKey }>();
  const uncovered = new Map<number, number>();
  let outside = 0;

  for (const { row, values } of table.rows) {
    const id = isBlank(values.id) ? '' : cleanName(String(values.id));
    const name = isBlank(values.name) ? '' : cleanName(String(values.name));
    const person = id ? byId.get(id) : (byName.get(name) ?? []).length === 1 ? byName.get(name)![0] : undefined;
    if (!person) {
      const key = id || name;
      const seen = unknown.get(key);
      if (seen) seen.count += 1;
      else unknown.set(key, { row, count: 1, column: id ? 'id' : 'name' });
      continue;
    }
    let day: IsoDate | null = has('date') && !isBlank(values.date) ? dateOf(values.date, period.year) : null;
    if (has('date') && !isBlank(values.date) && day === null) {
      problems.push(problem('date_invalid', locate(table, row, column('date')), { value: String(values.date) }));
      continue;
    }
    const take = (value: CellValue, key: PunchKey, role: 'in' | 'out' | null, session?: 0 | 1) => {
      for (const token of tokens(value)) {
        if (isBlank(token)) continue;
        // A date-time in one cell ("2026-10-05 08:01:30" or an Excel date-time) carries its own day.
        if (token instanceof Date && (token.getUTCFullYear() > 1900 || !day)) day = fromJsDate(token) ?? day;
        const asDate = typeof token === 'string' && !token.includes(':') && !token.includes('：') ? parseDateText(token, period.year) : null;
        if (asDate) {
          day = asDate;
          continue;
        }
        const at = timeOf(token);
        if (at === null) {
          problems.push(problem('time_invalid', locate(table, row, column(key)), { value: String(token) }));
          continue;
        }
        if (!day) {
          problems.push(problem('value_required', locate(table, row, column('date'))));
          return;
        }
        if (!periodContains(period, day)) {
          outside += 1;
          continue;
        }
        if (!calendar.covers(day)) {
          const year = Number(day.slice(0, 4));
          if (!uncovered.has(year)) {
            uncovered.set(year, row);
            const years = [...calendar.coveredYears];
            problems.push(problem('calendar_year_unknown', locate(table, row, column('date') ?? column(key)), { value: day, covered: `${Math.min(...years)}–${Math.max(...years)}` }));
          }
          continue;
        }
        punches.add(person.id, day, { at, role, source: locate(table, row, column(key)) }, session);
      }
    };
    if (shape === 'long') take(values.time, 'time', null);
    else if (shape === 'cell') take(values.cell, 'cell', null);
    else {
      take(values.amIn, 'amIn', 'in', 0);
      take(values.amOut, 'amOut', 'out', 0);
      take(values.pmIn, 'pmIn', 'in', 1);
      take(values.pmOut, 'pmOut', 'out', 1);
    }
  }
  for (const [value, seen] of unknown) {
    problems.push(problem('punch_person_unknown', locate(table, seen.row, column(seen.column)), { value, count: seen.count }, 'warning'));
  }
  if (outside > 0) problems.push(problem('punches_outside_period', locate(table), { count: outside, first: period.first, last: period.last }, 'warning'));
  return { punches, problems, table };
}

/** Reads 请假 (leave and 补签): who, type, first and last day, 全天/上午/下午. */
export function readLeaves(raw: RawTable, roster: readonly Person[], period: Period): { leaves: Leave[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const { table, problems: headerProblems } = mapHeader(raw, leaveColumns);
  problems.push(...headerProblems);
  if (!table) return { leaves: [], problems };
  const parsed = parseRows(
    table,
    z.object({
      id: optionalName,
      name: optionalName,
      type: requiredName,
      first: date(period.year),
      last: z.custom<CellValue>(() => true),
      part: optionalName,
      approver: optionalName,
      reason: z.custom<CellValue>(() => true),
    }),
  );
  problems.push(...parsed.problems);
  const column = (key: (typeof leaveColumns)[number]['key']) => table.columns.find((c) => c.key === key);
  const byId = new Map(roster.map((p) => [p.id, p]));
  const leaves: Leave[] = [];
  for (const { row, value } of parsed.rows) {
    const at = (key: (typeof leaveColumns)[number]['key']) => locate(table, row, column(key));
    const matches = value.id ? [byId.get(value.id)].filter(Boolean) : roster.filter((p) => p.name === value.name);
    const before = problems.length;
    if (!value.id && !value.name) problems.push(problem('subject_missing', locate(table, row)));
    else if (matches.length === 0) problems.push(problem('person_unknown', at(value.id ? 'id' : 'name'), { value: value.id || value.name }));
    else if (matches.length > 1) problems.push(problem('person_ambiguous', at('name'), { value: value.name, ids: matches.map((m) => m!.id).join('、') }));
    const type = leaveTypes.find((t) => foldKey(t) === foldKey(value.type) || foldKey(value.type) === foldKey(t.replace('假', '')));
    if (!type) problems.push(problem('leave_type_unknown', at('type'), { value: value.type, expected: leaveTypes.join('、') }));
    const part = value.part === '' ? '全天' : (['全天', '上午', '下午'] as const).find((p) => p === value.part);
    if (!part) problems.push(problem('leave_part_unknown', at('part'), { value: value.part }));
    let last = value.first;
    if (!isBlank(value.last)) {
      const parsedLast = dateOf(value.last as CellValue, period.year);
      if (!parsedLast) problems.push(problem('date_invalid', at('last'), { value: String(value.last) }));
      else if (parsedLast < value.first) problems.push(problem('leave_dates_reversed', at('last'), { first: value.first, last: parsedLast }));
      else last = parsedLast;
    }
    if (problems.length > before || !type || !part) continue;
    leaves.push({ personId: matches[0]!.id, type: type as LeaveType, first: value.first, last, part, at: locate(table, row) });
  }
  return { leaves, problems };
}
