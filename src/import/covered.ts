import type { IsoDate } from '../core/dates.js';
import { problem, type PartCoveredPerson, type Problem } from '../core/problems.js';
import type { CoveredRange, ImportData } from './model.js';
import type { RosterEntry } from './people.js';

/** People a message lists before it says how many there are in all. */
const PEOPLE_SHOWN = 5;

/**
 * Several exports speak for the days from the first one's start to the last one's end, which is
 * right when each holds everyone (a week a file). A sheet or file holding only some people (a
 * department a sheet, each with its own 统计日期) speaks for its people on its own days only:
 * scored over the joined range, a person whose sheets stop on 11-15 would be absent every working
 * day after it. Such people stop the run, named with their sheets' ranges and the joined range.
 * A person is checked when some sheet holding them states its range (a title); a sheet without
 * one (a clock's log) counts from its first to its last day, as it does for the joined range.
 *
 * A person's own 到岗日期/离岗日期 on the roster bound the days asked of them: one who left on
 * 11-20 is in no export after it (DingTalk drops them), and scoring counts no day after it anyway.
 *
 * workdays: the working days of the joined range (cut to the period); rosterOf: the roster person
 * an export person is (one may be written in two ways in two files), if any.
 */
export function partlyCovered(data: ImportData, workdays: readonly IsoDate[], rosterOf: ReadonlyMap<string, RosterEntry>): Problem | null {
  if (!data.covered || !data.sources.some((s) => s.range.from === 'title')) return null;
  const held = new Map<string, { key: string; owner: RosterEntry | undefined; ranges: CoveredRange[] }>();
  for (const source of data.sources) {
    for (const key of source.people) {
      const owner = rosterOf.get(key);
      const id = owner?.id ?? key;
      const entry = held.get(id) ?? { key, owner, ranges: [] };
      held.set(id, entry);
      if (!entry.ranges.includes(source.range)) entry.ranges.push(source.range);
    }
  }
  const asked = (day: IsoDate, owner: RosterEntry | undefined) => !owner || ((owner.start === null || owner.start <= day) && (owner.end === null || day <= owner.end));
  const outside = (ranges: readonly CoveredRange[], owner: RosterEntry | undefined) => workdays.some((day) => asked(day, owner) && !ranges.some((r) => r.first <= day && day <= r.last));
  const short = [...held.values()].filter(({ ranges, owner }) => ranges.some((r) => r.from === 'title') && outside(ranges, owner));
  const first = short[0];
  if (!first) return null;
  const people: PartCoveredPerson[] = short.slice(0, PEOPLE_SHOWN).map(({ key, ranges }) => {
    const person = data.people.get(key);
    return { name: person?.written || person?.name || key, ranges: ranges.map((r) => ({ file: r.where.file, sheet: r.where.sheet ?? '', first: r.first, last: r.last })) };
  });
  const at = first.ranges.find((r) => r.from === 'title')!.where;
  return problem('export_ranges_differ', at, { people: JSON.stringify(people), count: short.length, first: data.covered.first, last: data.covered.last });
}
