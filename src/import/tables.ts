import { addDays } from '../calendar/calendar.js';
import { clock, type Seconds } from '../calendar/hours.js';
import type { IsoDate } from '../core/dates.js';
import { leaveSheet, punchSheet, rosterSheet, shiftSheet, type ColumnKey, type SheetDeclaration } from '../core/input-sheets.js';
import type { Problem, SourceLocation } from '../core/problems.js';
import type { CellValue, RawRow, RawTable } from '../read/table.js';
import { punchLocation, type ExportPunch, type ImportData } from './model.js';
import type { ImportNote } from './notes.js';
import type { Resolved, RosterEntry } from './people.js';
import { oneClockingEach } from './same-punches.js';

/**
 * An import as the template's own sheets (人员, 考勤, 请假, 班次, 设置): what `kaohe import -o`
 * writes for the clerk to look at, and what a direct run reads in memory. Each data row keeps
 * where in the export it came from, so a problem or an audit line names the export's cell.
 */
export interface ImportedTables {
  roster: RawTable | null;
  /** Each punch with its person, in roster order, by day and time; a clocking two exports both hold once (same-punches.ts). */
  punches: readonly RosteredPunch[];
  /** What is said of two exports holding the same punches: a note, or a warning where one holds a punch the other lacks. */
  samePunches: { notes: ImportNote[]; problems: Problem[] };
  leave: RawTable;
  shifts: RawTable;
  /** 设置 keys: the covered range (考勤起始日期, 考勤截止日期). */
  settings: [string, string][];
  /** Sheet (人员, 考勤, 请假, 班次) → the export's cell a row came from. */
  origins: Map<string, Origins>;
}

/** The headers of the template columns an import writes, by their keys in the declaration (src/core/input-sheets.ts). */
function header<S extends SheetDeclaration>(sheet: S, keys: readonly ColumnKey<S>[]): string[] {
  return keys.map((k) => sheet.columns.find((c) => c.key === k)!.headers[0]!);
}

const ROSTER_COLUMNS = ['id', 'name', 'unit', 'category', 'clockId'] as const satisfies readonly ColumnKey<typeof rosterSheet>[];
const PUNCH_COLUMNS = ['id', 'name', 'date', 'time'] as const satisfies readonly ColumnKey<typeof punchSheet>[];
/** With 打卡类型 when the export stated a role for some punch (上班2, WeCom's 打卡类型), so a score of the written sheet judges as one of the export. */
const PUNCH_COLUMNS_WITH_ROLE = [...PUNCH_COLUMNS, 'role'] as const satisfies readonly ColumnKey<typeof punchSheet>[];
const ROLE_WORD = { in: '上班', out: '下班' } as const;
const LEAVE_COLUMNS = ['id', 'name', 'type', 'first', 'last', 'part', 'startTime', 'endTime', 'length', 'reason'] as const satisfies readonly ColumnKey<typeof leaveSheet>[];
const SHIFT_COLUMNS = ['id', 'name', 'first', 'last', 'shift'] as const satisfies readonly ColumnKey<typeof shiftSheet>[];

export interface RosteredPunch {
  person: RosterEntry;
  punch: ExportPunch;
}

/** Row number of a written table → the export's cell it came from. */
export type Origins = (row: number) => SourceLocation | undefined;

const isPunch = (place: SourceLocation | ExportPunch): place is ExportPunch => typeof place.sheet === 'object';

class TableBuilder {
  readonly rows: RawRow[];
  private readonly places: (SourceLocation | ExportPunch)[] = [];
  constructor(
    readonly file: string,
    readonly sheet: string,
    headerRow: string[],
  ) {
    this.rows = [{ row: 1, cells: headerRow }];
  }
  add(cells: CellValue[], origin: SourceLocation | ExportPunch): void {
    const row = this.rows.length + 1;
    this.rows.push({ row, cells });
    this.places[row] = origin;
  }
  readonly origins: Origins = (row) => {
    const place = this.places[row];
    if (place === undefined) return undefined;
    return isPunch(place) ? punchLocation(place) : place;
  };
  table(): RawTable {
    return { file: this.file, sheet: this.sheet, rows: this.rows };
  }
}

export function importedTables(data: ImportData, people: Resolved, file: string): ImportedTables {
  const origins = new Map<string, Origins>();
  const who = (key: string): RosterEntry | undefined => people.byKey.get(key);

  let roster: RawTable | null = null;
  if (people.built) {
    const t = new TableBuilder(file, rosterSheet.names[0], header(rosterSheet, ROSTER_COLUMNS));
    const firstSeen = new Map([...data.people.values()].map((p) => [people.byKey.get(p.key), p.at]));
    for (const r of people.built) t.add([r.id, r.name, r.unit, r.category || null, r.clockId || null], firstSeen.get(r) ?? { file });
    roster = t.table();
    origins.set(t.sheet, t.origins);
  }

  // Each punch's place in the roster looked up once, not on every comparison (a month has ~170,000).
  const order = new Map(people.entries.map((r, i) => [r.id, i]));
  const ranked: (RosteredPunch & { rank: number })[] = [];
  for (const punch of data.punches) {
    const person = who(punch.person);
    if (person) ranked.push({ person, punch, rank: order.get(person.id) ?? 0 });
  }
  ranked.sort((a, b) => a.rank - b.rank || (a.punch.date < b.punch.date ? -1 : a.punch.date > b.punch.date ? 1 : 0) || a.punch.at - b.punch.at);
  const { punches, ...samePunches } = oneClockingEach(ranked, data, people);

  const leave = new TableBuilder(file, leaveSheet.names[0], header(leaveSheet, LEAVE_COLUMNS));
  const seenLeave = new Set<string>();
  for (const l of data.leaves) {
    const r = who(l.person);
    if (!r) continue;
    const key = [r.id, l.type, l.first, l.last, l.part, l.startTime, l.endTime].join('\u0000');
    if (seenLeave.has(key)) continue;
    seenLeave.add(key);
    leave.add([r.id, r.shownName, l.type, l.first, l.last === l.first ? null : l.last, l.part, timeCell(l.startTime), timeCell(l.endTime), l.length || null, l.reason || null], l.where);
  }
  // A 补签 at a time covers the session that time belongs to on that day's schedule (derive
  // places it); one known only by its slot (上班2 …) names its half.
  for (const c of data.corrections) {
    const r = who(c.person);
    if (!r) continue;
    const part = c.at === null ? (c.pair === 0 ? '上午' : '下午') : null;
    const key = [r.id, '补签', c.date, c.at, part].join('\u0000');
    if (seenLeave.has(key)) continue;
    seenLeave.add(key);
    leave.add([r.id, r.shownName, '补签', c.date, null, part, timeCell(c.at), null, null, c.text], c.where);
  }
  origins.set(leave.sheet, leave.origins);

  const shifts = new TableBuilder(file, shiftSheet.names[0], header(shiftSheet, SHIFT_COLUMNS));
  for (const span of shiftSpans(data, who)) shifts.add([span.r.id, span.r.shownName, span.first, span.last === span.first ? null : span.last, span.shift], span.where);
  origins.set(shifts.sheet, shifts.origins);

  const settings: [string, string][] = data.covered ? [['考勤起始日期', data.covered.first], ['考勤截止日期', data.covered.last]] : [];
  return { roster, punches, samePunches, leave: leave.table(), shifts: shifts.table(), settings, origins };
}

/** The 考勤 sheet kaohe import writes: 工号, 姓名, 日期, 时间, one punch a row; and 打卡类型 when the export stated roles. */
export function punchTable(punches: readonly RosteredPunch[], file: string): RawTable {
  // Written, not read back: no origins kept (a month has ~170,000 rows).
  const withRole = punches.some(({ punch }) => punch.role !== null);
  const rows: RawRow[] = [{ row: 1, cells: header(punchSheet, withRole ? PUNCH_COLUMNS_WITH_ROLE : PUNCH_COLUMNS) }];
  for (const { person, punch } of punches) {
    const cells: CellValue[] = [person.id, person.shownName, punch.date, clock(punch.at)];
    if (withRole) cells.push(punch.role === null ? null : ROLE_WORD[punch.role]);
    rows.push({ row: rows.length + 1, cells });
  }
  return { file, sheet: punchSheet.names[0], rows };
}

function timeCell(at: Seconds | null): string | null {
  return at === null ? null : clock(at);
}

/** Each person's stated shifts and rest days, consecutive days with the same shift as one span. */
function shiftSpans(data: ImportData, who: (key: string) => RosterEntry | undefined): { r: RosterEntry; first: IsoDate; last: IsoDate; shift: string; where: SourceLocation }[] {
  const byPerson = new Map<string, Map<IsoDate, { shift: string; where: SourceLocation }>>();
  for (const s of data.shifts) {
    const days = byPerson.get(s.person) ?? new Map<IsoDate, { shift: string; where: SourceLocation }>();
    byPerson.set(s.person, days);
    if (!days.has(s.date)) days.set(s.date, { shift: s.shift, where: s.where });
  }
  const spans: { r: RosterEntry; first: IsoDate; last: IsoDate; shift: string; where: SourceLocation }[] = [];
  for (const [person, days] of byPerson) {
    const r = who(person);
    if (!r) continue;
    let current: (typeof spans)[number] | null = null;
    for (const date of [...days.keys()].sort()) {
      const { shift, where } = days.get(date)!;
      if (current && current.shift === shift && addDays(current.last, 1) === date) current.last = date;
      else {
        current = { r, first: date, last: date, shift, where };
        spans.push(current);
      }
    }
  }
  return spans;
}
