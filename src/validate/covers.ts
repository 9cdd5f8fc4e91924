import * as z from 'zod';
import { coverSheet, type ColumnKey } from '../core/input-sheets.js';
import { periodContains, type Period } from '../core/period.js';
import { problem, type Problem } from '../core/problems.js';
import { mapHeader } from '../read/header.js';
import { locate, type RawTable } from '../read/table.js';
import type { Cover, Person } from '../core/input.js';
import { date, optionalDate, optionalName, optionalText, parseRows } from './fields.js';

type CoverKey = ColumnKey<typeof coverSheet>;

/**
 * The 替岗 sheet: each row names the person who covered (工号 or 姓名), the person covered and the
 * days, all inside the period; both must be in the roster, and nobody covers themselves.
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
  const covers: Cover[] = [];
  for (const { row, value } of parsed.rows) {
    const at = (key: CoverKey) => locate(table, row, table.columns.find((c) => c.key === key));
    const before = problems.length;
    const resolve = (id: string, name: string, idKey: CoverKey, nameKey: CoverKey): Person | null => {
      const matches = id ? [byId.get(id)].filter((p): p is Person => p !== undefined) : roster.filter((p) => p.name === name);
      if (!id && !name) problems.push(problem('value_required', at(nameKey)));
      else if (matches.length === 0) problems.push(problem('person_unknown', at(id ? idKey : nameKey), { value: id || name }));
      else if (matches.length > 1) problems.push(problem('person_ambiguous', at(nameKey), { value: name, ids: matches.map((m) => m.id).join('、') }));
      return matches.length === 1 ? (matches[0] as Person) : null;
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
