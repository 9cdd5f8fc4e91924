import * as z from 'zod';
import { coverSheet, type ColumnKey } from '../core/input-sheets.js';
import { periodContains, type Period } from '../core/period.js';
import { problem, type Problem } from '../core/problems.js';
import { mapHeader } from '../read/header.js';
import { locate, type RawTable } from '../read/table.js';
import type { Cover, Person } from '../core/input.js';
import { date, optionalDate, optionalName, optionalText, parseRows } from './fields.js';
import { RosterNames } from './names.js';
import { personUnknown } from './roster-ids.js';

type CoverKey = ColumnKey<typeof coverSheet>;

/**
 * The 替岗 sheet: each row names the person who covered (工号 or 姓名), the person covered and the
 * days, all inside the period; both must be in the roster (a 姓名 beside a 工号 theirs), and
 * nobody covers themselves.
 */
export function readCovers(raw: RawTable, roster: readonly Person[], period: Period): { covers: Cover[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const { table, problems: headerProblems } = mapHeader(raw, coverSheet.columns);
  problems.push(...headerProblems);
  if (!table) return { covers: [], problems };
  const parsed = parseRows(
    table,
    z.object({
      substituteId: optionalName,
      substituteName: optionalName,
      holderId: optionalName,
      holderName: optionalName,
      first: date(period.year),
      last: optionalDate(period.year),
      note: optionalText,
    }),
  );
  problems.push(...parsed.problems);
  const byId = new Map(roster.map((p) => [p.id, p]));
  const names = new RosterNames(roster);
  const covers: Cover[] = [];
  for (const { row, value } of parsed.rows) {
    const at = (key: CoverKey) => locate(table, row, table.columns.find((c) => c.key === key));
    const before = problems.length;
    // Hand-typed, as 记录: a 姓名 beside a 工号 that is not that person's is an error, a typo too.
    const resolve = (id: string, name: string, idKey: CoverKey, nameKey: CoverKey): Person | null => {
      if (!id && !name) {
        problems.push(problem('value_required', at(nameKey)));
        return null;
      }
      if (!id) return names.personNamed(name, at(nameKey), problems);
      const person = byId.get(id);
      if (!person) {
        problems.push(personUnknown(id, at(idKey), roster));
        return null;
      }
      const nameProblem = name ? names.besideId(person, name, () => at(nameKey), 'error') : null;
      if (nameProblem) problems.push(nameProblem);
      return nameProblem ? null : person;
    };
    const substitute = resolve(value.substituteId, value.substituteName, 'substituteId', 'substituteName');
    const holder = resolve(value.holderId, value.holderName, 'holderId', 'holderName');
    const last = value.last ?? value.first;
    if (last < value.first) problems.push(problem('leave_dates_reversed', at('last'), { first: value.first, last }));
    for (const [key, day] of [['first', value.first], ['last', last]] as const) {
      if (!periodContains(period, day)) problems.push(problem('date_outside_period', at(key), { value: day, first: period.first, last: period.last }));
    }
    if (substitute && holder && substitute.id === holder.id) problems.push(problem('cover_self', at('holderId'), { value: holder.id }));
    if (problems.length > before || !substitute || !holder) continue;
    covers.push({ substituteId: substitute.id, holderId: holder.id, first: value.first, last, at: locate(table, row) });
  }
  return { covers, problems };
}
