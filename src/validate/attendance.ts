import { z } from 'zod';
import type { WorkingHours } from '../calendar/hours.js';
import { periodContains, type Period } from '../core/period.js';
import { problem, type Problem } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import type { Leave, LeaveType } from '../derive/attendance.js';
import { PunchBook } from '../derive/punches.js';
import { leaveSheet } from '../core/input-sheets.js';
import { mapHeader } from '../read/header.js';
import { personOfKey, unpack, type PunchCollector } from '../read/punch-collector.js';
import { locate, type RawTable } from '../read/table.js';
import { leaveTypes } from '../scheme/lists.js';
import type { Person } from '../score/input.js';
import { yearsAround } from './limits.js';
import { date, optionalDate, optionalName, optionalText, parseRows, requiredName } from './fields.js';

const leaveColumns = leaveSheet.columns;

/**
 * Applies the roster, the period and the working hours to the punches collected from 考勤:
 * who each row's 工号 or 姓名 is, which days count, which session a punch belongs to.
 */
export function resolvePunches(collector: PunchCollector, roster: readonly Person[], period: Period, hours: WorkingHours): { punches: PunchBook; problems: Problem[] } {
  const problems: Problem[] = [...collector.problems];
  const punches = new PunchBook(hours);
  const byId = new Map(roster.map((p) => [p.id, p]));
  const byName = new Map<string, Person[]>();
  for (const p of roster) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  let outside = 0;
  for (const [key, days] of collector.days) {
    const who = personOfKey(key);
    const matches = 'id' in who ? [byId.get(who.id)].filter((p): p is Person => p !== undefined) : (byName.get(who.name) ?? []);
    if (matches.length !== 1) {
      const first = collector.firstRow.get(key)!;
      // Staff on the clock but not assessed (a cleaner, a driver): their punches are set aside.
      problems.push(problem('punch_person_unknown', collector.locate({ at: 0, role: null, session: null, row: first.row, column: first.column }), { value: 'id' in who ? who.id : who.name, count: first.count }, 'warning'));
      continue;
    }
    const person = matches[0]!;
    for (const [day, list] of days) {
      if (!periodContains(period, day)) {
        outside += list.length / 2;
        continue;
      }
      for (let i = 0; i < list.length; i += 2) {
        const p = unpack(list[i]!, list[i + 1]!);
        punches.add(person.id, day, { at: p.at, role: p.role, row: p.row, column: p.column }, p.session ?? undefined);
      }
    }
  }
  if (outside > 0) problems.push(problem('punches_outside_period', { file: collector.file, sheet: collector.sheet }, { count: outside, first: period.first, last: period.last }, 'warning'));
  return { punches, problems };
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
      last: optionalDate(period.year),
      part: optionalName,
      // read by the leave-by-hours work under way; until then only kept
      startTime: optionalText,
      endTime: optionalText,
      length: optionalText,
      // kept for the clerk, never scored or printed
      approver: optionalText,
      reason: optionalText,
    }),
  );
  problems.push(...parsed.problems);
  const column = (key: (typeof leaveColumns)[number]['key']) => table.columns.find((c) => c.key === key);
  const byId = new Map(roster.map((p) => [p.id, p]));
  const near = yearsAround(period);
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
    const last = value.last ?? value.first;
    if (last < value.first) problems.push(problem('leave_dates_reversed', at('last'), { first: value.first, last }));
    for (const key of ['first', 'last'] as const) {
      const day = value[key];
      if (day !== null && (day < near.first || day > near.last)) problems.push(problem('date_implausible', at(key), { value: day, ...near }));
    }
    if (problems.length > before || !type || !part) continue;
    leaves.push({ personId: matches[0]!.id, type: type as LeaveType, first: value.first, last, part, at: locate(table, row) });
  }
  return { leaves, problems };
}
