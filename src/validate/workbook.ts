import * as z from 'zod';
import type { Hundredths } from '../core/decimal.js';
import { compareDates, LocalDateTime, type IsoDate } from '../core/dates.js';
import { monthPeriod, parsePeriod, periodContains, type Period } from '../core/period.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import { cleanName, cleanText, foldKey, matterKey } from '../core/text.js';
import { noticeDaysOf, pointValueText } from '../core/settings.js';
import { findHeader, mappedRows, withRows, type TableHead } from '../read/header.js';
import { markSheet, metricSheet, monthlySheet, peerSheet, recordSheet, rosterSheet, settingDeclarations, settingKeyOf, settingsSheet, workbookSheets, type ColumnSpec, type SettingKey, type SheetRole } from '../core/input-sheets.js';
import { locate, type CellValue, type RawTable, type Table } from '../read/table.js';
import { staffCategories, staffCategory } from '../scheme/lists.js';
import { ruleLabel, rulesOf, subjectKeyOf, type Item, type Rule, type Scheme } from '../scheme/model.js';
import { isActiveIn, isActiveOn, unitKey, type EntryRecord, type Mark, type MetricValue, type MonthlyBase, type PeerRating, type Person, type PeriodInput } from '../core/input.js';
import { count, date, monthOf, optionalDate, optionalName, optionalPoints, optionalText, parseRows, peerScore, rowParser, percent, requiredName, requiredPoints, requiredShownName, writtenSign } from './fields.js';
import { readCovers } from './covers.js';
import { monthDayCellText } from './hours.js';
import { countLimit, countsHalfDays, explicitPointsLimit, type CountLimit } from './limits.js';
import { nearest } from '../core/nearest.js';
import { nameAmbiguous, RosterNames } from './names.js';
import { personUnknown } from './roster-ids.js';
import { clockNumber, idKey } from '../import/identity.js';

type Key<C extends readonly ColumnSpec<string>[]> = C[number]['key'];

const rosterColumns = rosterSheet.columns;
const recordColumns = recordSheet.columns;
const peerColumns = peerSheet.columns;
const markColumns = markSheet.columns;
const metricColumns = metricSheet.columns;
const monthlyColumns = monthlySheet.columns;

export interface MonthValidation {
  input: PeriodInput | null;
  /** The people of the valid 人员 rows, even when other sheets have problems: 考勤 and 请假 are checked against them. */
  roster: Person[] | null;
  settings: Map<string, string>;
  /** Each 设置 key's value cell, where a problem with a value applied later (the hours) is said. */
  settingCells: Map<SettingKey, SettingCell>;
  problems: Problem[];
}

/** A 设置 row's value cell: where a problem with its key is reported, and what the cell holds. */
export interface SettingCell {
  at: SourceLocation;
  value: CellValue | undefined;
}

/** The 设置 sheet as read: each key's value as text, and the cell it was read from. */
export type SettingsRead = Pick<MonthValidation, 'settings' | 'settingCells'>;

function requireSheet(sheets: ReadonlyMap<string, RawTable>, name: string, file: string, problems: Problem[]): RawTable | null {
  const raw = sheets.get(name);
  if (!raw) {
    const names = workbookSheets.get(name as SheetRole) ?? [];
    problems.push(problem('sheet_missing', { file }, { sheet: names[0] ?? name, aliases: names.slice(1).join('、') }));
    return null;
  }
  return raw;
}

/** A sheet's header found (head) and its data rows mapped, all held: for the sheets of a few rows per subject. */
function table<C extends readonly ColumnSpec<string>[]>(raw: RawTable | null, columns: C, problems: Problem[]): Table<Key<C>> | null {
  const found = head(raw, columns, problems);
  return raw && found ? withRows(raw, columns, found) : null;
}

/**
 * A sheet's header and columns, or null when they have an error; the data rows are left to be
 * mapped one at a time (mappedRows): 记录 is read so, a city month's 80,000 rows.
 */
function head<C extends readonly ColumnSpec<string>[]>(raw: RawTable | null, columns: C, problems: Problem[]): TableHead<Key<C>> | null {
  if (!raw) return null;
  const { head: found, problems: headerProblems } = findHeader(raw, columns);
  problems.push(...headerProblems);
  if (found && mappedRows(raw, columns, found).next().done) problems.push(problem('sheet_empty', locate(found), {}, 'warning'));
  return headerProblems.some((p) => p.severity === 'error') ? null : (found ?? null);
}

/**
 * The period when neither --period nor the file name gives it: the month all record dates
 * fall in, or null when they span months (then the user must say --period).
 */
export function periodFromRecords(sheets: ReadonlyMap<string, RawTable>): Period | null {
  const raw = sheets.get('records');
  if (!raw) return null;
  const found = findHeader(raw, recordColumns).head;
  if (!found) return null;
  // Read as validateRecords reads them (rowParser, in the workbook's date system); their problems are said there.
  const dateHead = { ...found, columns: found.columns.filter((c): c is typeof c & { key: 'date' } => c.key === 'date') };
  const dates = z.object({ date: date(undefined) });
  const months = new Set<string>();
  const parse = rowParser(dateHead, dates, []);
  for (const { row, values } of mappedRows(raw, recordColumns, found)) {
    const parsed = parse(row, values);
    if (parsed) months.add(parsed.date.slice(0, 7));
  }
  if (months.size !== 1) return null;
  const [year, month] = [...months][0]!.split('-').map(Number);
  return monthPeriod(year as number, month as number);
}

/**
 * Turns the month workbook's sheets into typed, resolved inputs, collecting every problem
 * (each with file, sheet, row and column) instead of stopping at the first.
 */
export function validateWorkbook(
  file: string,
  sheets: ReadonlyMap<string, RawTable>,
  scheme: Scheme,
  period: Period,
  options: ValidateOptions,
): MonthValidation {
  const problems: Problem[] = [];
  const year = period.year;
  const needs = inputsNeeded(scheme);
  const rosterTable = table(requireSheet(sheets, 'roster', file, problems), rosterColumns, problems);
  const recordSheet = requireSheet(sheets, 'records', file, problems);
  const recordHead = head(recordSheet, recordColumns, problems);
  const peerTable = needs.peer ? table(requireSheet(sheets, 'peer', file, problems), peerColumns, problems) : null;
  const markTable = needs.marks.length > 0 ? table(requireSheet(sheets, 'marks', file, problems), markColumns, problems) : null;
  const metricTable = needs.metrics.length > 0 ? table(requireSheet(sheets, 'metrics', file, problems), metricColumns, problems) : null;
  const monthlyTable = needs.monthly && options.monthly === undefined ? table(requireSheet(sheets, 'monthly', file, problems), monthlyColumns, problems) : null;
  const { settings, settingCells } = readSettings(sheets.get('settings'), problems, options.flagged);

  const roster = rosterTable ? validateRoster(rosterTable, year, categoriesOf(scheme), problems) : null;
  const ok = <T>(t: T | null): t is T => t !== null;
  const resolver = roster ? new SubjectResolver(roster, scheme, period, problems) : null;
  // Without a usable 人员 sheet the records' own cells are still checked: all problems at once.
  const records = recordSheet && recordHead ? validateRecords(recordSheet, recordHead, resolver, scheme, period, problems) : [];
  const subjects = roster ? subjectKeys(scheme, roster, period) : null;
  const { ratings: peer, refused } = peerTable && subjects && roster ? validatePeer(peerTable, subjects, scheme.subject === 'person' ? new RosterNames(roster.filter((p) => isActiveIn(p, period))) : null, problems) : { ratings: [], refused: new Set<string>() };
  if (peerTable && subjects) {
    // Every subject needs ratings; with --allow-missing-peer the item is left at 0 and flagged (said
    // so, without the hint to give the option already given).
    // One whose ratings were refused (a 94% for 94) has them said at their rows, not again as none.
    const rated = new Set(peer.map((r) => r.ratee));
    for (const key of new Set(subjects.values())) {
      if (rated.has(key) || refused.has(key)) continue;
      problems.push(options.allowMissingPeer ? problem('peer_missing', locate(peerTable), { subject: key, allowed: 1 }, 'warning') : problem('peer_missing', locate(peerTable), { subject: key }));
    }
  }
  const context = resolver && subjects ? { resolver, scheme, subjects, problems } : null;
  const marks: Mark[] = context && markTable
    ? validatePerSubject(
        markTable,
        requiredPoints,
        needs.marks.map((it) => ({ code: it.code, label: `${it.code} ${it.name}`, names: [it.name], ...(it.type === 'mark' ? { max: it.points } : {}) })),
        { unknown: 'mark_item_unknown', duplicate: 'mark_duplicate', missing: 'mark_missing' },
        context,
      ).map(({ code, ...m }) => ({ ...m, itemCode: code }))
    : [];
  const metrics: MetricValue[] = context && metricTable
    ? validatePerSubject(
        metricTable,
        percent,
        needs.metrics.map((r) => ({ code: r.code, label: r.kind === 'rate' ? r.metric : r.name, names: [r.name, ...(r.kind === 'rate' ? [r.metric] : [])] })),
        { unknown: 'metric_unknown', duplicate: 'metric_duplicate', missing: 'metric_missing' },
        context,
      ).map(({ code, ...m }) => ({ ...m, ruleCode: code }))
    : [];
  const monthly = options.monthly ?? (resolver && monthlyTable ? validateMonthly(monthlyTable, resolver, scheme, period, problems) : []);
  const coverRows = scheme.cover && roster ? sheets.get('covers') : undefined;
  const covers = coverRows && roster ? readCovers(coverRows, roster, period) : { covers: [], problems: [] };
  problems.push(...covers.problems);

  const tablesPresent = ok(rosterTable) && ok(recordHead) && (!needs.peer || ok(peerTable)) && (needs.marks.length === 0 || ok(markTable)) && (needs.metrics.length === 0 || ok(metricTable)) && (!needs.monthly || options.monthly !== undefined || ok(monthlyTable));
  const valid = roster !== null && tablesPresent && !problems.some((p) => p.severity === 'error');
  return {
    input: valid ? { period, roster, records, peer, metrics, marks, monthly, unitTotals: new Map(), covers: covers.covers } : null,
    roster,
    settings,
    settingCells,
    problems,
  };
}

/** Which optional sheets the scheme needs: 互评 for a peer item, 评分 for marks, 指标 for rate rules. */
function inputsNeeded(scheme: Scheme): { peer: boolean; marks: Item[]; metrics: Rule[]; monthly: boolean } {
  return {
    monthly: scheme.items.some((it) => it.type === 'monthly'),
    peer: scheme.items.some((it) => it.type === 'peer'),
    marks: scheme.items.filter((it) => it.type === 'mark'),
    metrics: scheme.items.flatMap(rulesOf).filter((r) => r.kind === 'rate'),
  };
}

/**
 * The 人员 and 设置 sheets alone, for commands that do not score (kaohe attendance, import). 类别
 * is checked against the scheme's categories where a scheme is given (attendance --scheme), as
 * score checks it; without one nothing here uses 类别, so it is not checked.
 */
export function validateRosterOnly(file: string, sheets: ReadonlyMap<string, RawTable>, period: Period, scheme: Scheme | null): SettingsRead & { roster: Person[] | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const rosterTable = table(requireSheet(sheets, 'roster', file, problems), rosterColumns, problems);
  const settings = readSettings(sheets.get('settings'), problems);
  return { roster: rosterTable ? validateRoster(rosterTable, period.year, scheme ? categoriesOf(scheme) : null, problems) : null, ...settings, problems };
}

/**
 * The words 人员 › 类别 may hold: the contract's five (input-format.md), and any other the scheme
 * grades or notes people by (its labels and year notes are keyed by category). Anything else
 * (公务员（参公）, 事业编) would be graded as 其他 without a word.
 */
function categoriesOf(scheme: Scheme): string[] {
  const own = [...(scheme.grades?.labels.keys() ?? []), ...(scheme.year?.flags.flatMap((f) => [...f.notes.keys()]) ?? [])];
  return [...new Set([...staffCategories, ...own.filter((c) => c !== 'default')])];
}

/** 人员's 到岗日期 and 离岗日期, each read in the period's year (a date typed without one). */
const rosterDateFields = (year: number) => ({ start: optionalDate(year), end: optionalDate(year) });

/**
 * 人员's 到岗日期 and 离岗日期 read as validateRoster reads them, each that cannot be read said at
 * its cell: for kaohe import, whose check of the exports' ranges goes by them (export_ranges_differ)
 * and which leaves the rest of the roster to score and attendance.
 */
export function rosterDateProblems(sheets: ReadonlyMap<string, RawTable>, year: number): Problem[] {
  const raw = sheets.get('roster');
  const found = raw ? findHeader(raw, rosterColumns).head : null;
  if (!raw || !found) return [];
  const datesHead = { ...found, columns: found.columns.filter((c): c is typeof c & { key: 'start' | 'end' } => c.key === 'start' || c.key === 'end') };
  const dates = z.object(rosterDateFields(year));
  const problems: Problem[] = [];
  const parse = rowParser(datesHead, dates, problems);
  for (const { row, values } of mappedRows(raw, rosterColumns, found)) {
    const read = parse(row, values);
    const reversed = read && datesReversed(read, () => locate(datesHead, row, endColumn(datesHead)));
    if (reversed) problems.push(reversed);
  }
  return problems;
}

/**
 * 离岗日期 before 到岗日期 (one who came back, the old 离岗日期 left in): in post on no day, the
 * person would drop out of every output without a word. An error at 离岗日期.
 */
function datesReversed({ start, end }: { start: IsoDate | null; end: IsoDate | null }, at: () => SourceLocation): Problem | null {
  // The cell is located only for a row found reversed (every roster row is asked).
  return start !== null && end !== null && end < start ? problem('person_dates_reversed', at(), { start, end }) : null;
}

/** The 离岗日期 column of a roster head. */
const endColumn = <C extends { key: string }>(head: { columns: readonly C[] }) => head.columns.find((c) => c.key === 'end');

/** `categories`: the 类别 words accepted, or null where 类别 is not checked. */
function validateRoster(t: Table<Key<typeof rosterColumns>>, year: number, categories: readonly string[] | null, problems: Problem[]): Person[] {
  const schema = z.object({
    id: requiredName,
    name: requiredShownName,
    unit: requiredShownName,
    category: optionalName,
    ...rosterDateFields(year),
    clockId: optionalName,
  });
  const parsed = parseRows(t, schema);
  problems.push(...parsed.problems);
  const idColumn = t.columns.find((c) => c.key === 'id');
  const categoryColumn = t.columns.find((c) => c.key === 'category');
  const firstRowOfId = new Map<string, number>();
  // A unit written two ways (民政 一窗, 民政一窗) is one, shown as its first row writes it.
  const units = new Map<string, string>();
  const people: Person[] = [];
  for (const { row, value } of parsed.rows) {
    const earlier = firstRowOfId.get(value.id);
    if (earlier !== undefined) {
      problems.push(problem('person_id_duplicate', locate(t, row, idColumn), { id: value.id, firstRow: earlier }));
      continue;
    }
    firstRowOfId.set(value.id, row);
    // The person is kept, so the records naming them are checked as usual; the error stops the run.
    const category = staffCategory(value.category);
    if (categories && category !== '' && !categories.includes(category)) {
      problems.push(problem('person_category_unknown', locate(t, row, categoryColumn), { value: value.category, expected: categories.join('、') }));
    }
    const reversed = datesReversed(value, () => locate(t, row, endColumn(t)));
    if (reversed) problems.push(reversed);
    const key = unitKey(value.unit);
    const unit = units.get(key) ?? value.unit;
    units.set(key, unit);
    // Written out, not spread: a spread that adds a field gives each person a hidden class of its own (V8).
    people.push({ id: value.id, name: value.name, unit, category: category || '其他', start: value.start, end: value.end, clockId: clockNumber(value.clockId), at: locate(t, row) });
  }
  problems.push(...sharedClockIds(people, t));
  return people;
}

/**
 * 人员 rows sharing a 考勤号码, each refused at its cell naming the others: an export's punches
 * under that number went to the first of them and the others were absent every day. Numbers are
 * compared as the export matching compares them (idKey: 001 and 1 are one number); 无, /, 0000 and
 * the like are no number (clockNumber).
 */
function sharedClockIds(people: readonly Person[], t: Table<Key<typeof rosterColumns>>): Problem[] {
  const clockColumn = t.columns.find((c) => c.key === 'clockId');
  const byClock = new Map<string, Person[]>();
  for (const p of people) {
    if (!p.clockId) continue;
    const number = idKey(p.clockId);
    const same = byClock.get(number);
    if (same) same.push(p);
    else byClock.set(number, [p]);
  }
  return [...byClock.values()]
    .filter((same) => same.length > 1)
    .flatMap((same) =>
      same.map((p) => {
        const others = same.filter((o) => o !== p);
        const args = { value: p.clockId, rows: others.map((o) => o.at.row).join('、'), names: others.map((o) => o.name).join('、'), values: [...new Set(others.map((o) => o.clockId))].join('、') };
        return problem('person_clock_duplicate', locate(t, p.at.row, clockColumn), args);
      }),
    );
}

/** Finds who a row is about (工号, else 姓名, else 窗口), reporting what cannot be resolved. */
class SubjectResolver {
  private readonly byId: Map<string, Person>;
  private readonly names: RosterNames;
  /** The roster's units as matched (unitKey), each as the roster writes it. */
  private readonly units: Map<string, string>;

  constructor(
    private readonly roster: readonly Person[],
    private readonly scheme: Scheme,
    private readonly period: Period,
    private readonly problems: Problem[],
  ) {
    this.byId = new Map(roster.map((p) => [p.id, p]));
    this.names = new RosterNames(roster);
    this.units = new Map(roster.map((p) => [unitKey(p.unit), p.unit]));
  }

  /** The person of a resolved 工号. */
  person(id: string): Person | undefined {
    return this.byId.get(id);
  }

  /**
   * A row's 窗口 beside its person must be the roster's: a record for 张一 written under 社保窗口
   * was counted for 民政窗口 without a word.
   */
  private unitAgrees(unit: string, person: Person, at: (key: 'id' | 'name' | 'unit') => Problem['at']): boolean {
    if (unit === '' || unit === unitKey(person.unit)) return true;
    this.problems.push(problem('person_unit_mismatch', at('unit'), { person: `${person.name}（${person.id}）`, expected: person.unit, value: unit }));
    return false;
  }

  resolve(who: { id: string; name: string; unit: string }, at: (key: 'id' | 'name' | 'unit') => Problem['at'], rowAt: Problem['at']): { personId: string | null; unit: string } | null {
    const { problems } = this;
    let found: { personId: string | null; unit: string } | null = null;
    if (who.id) {
      const p = this.byId.get(who.id);
      // Hand-typed rows that give or cost points: a 姓名 that is not the 工号's person's is an error, a typo too.
      const nameProblem = p && who.name ? this.names.besideId(p, who.name, () => at('name'), 'error') : null;
      if (!p) problems.push(personUnknown(who.id, at('id'), this.roster));
      else if (nameProblem) problems.push(nameProblem);
      else if (!this.unitAgrees(who.unit, p, at)) return null;
      else found = { personId: p.id, unit: p.unit };
    } else if (who.name) {
      const p = this.names.personNamed(who.name, at('name'), problems);
      if (!p || !this.unitAgrees(who.unit, p, at)) return null;
      found = { personId: p.id, unit: p.unit };
    } else if (who.unit) {
      // A person scheme takes unit-only records only when part of its score follows the unit's.
      const unitsCount = this.scheme.subject === 'unit' || this.scheme.items.some((it) => it.type === 'unit_share');
      if (!unitsCount) problems.push(problem('unit_record_in_person_scheme', at('unit'), { value: who.unit }));
      else if (!this.units.has(who.unit)) problems.push(problem('unit_unknown', at('unit'), { value: who.unit, suggestion: this.units.get(nearest(who.unit, [...this.units.keys()]) ?? '') ?? '' }));
      else found = { personId: null, unit: this.units.get(who.unit)! };
    } else {
      problems.push(problem('subject_missing', rowAt));
    }
    if (found?.personId && !isActiveIn(this.byId.get(found.personId)!, this.period)) {
      problems.push(problem('person_inactive', at(who.id ? 'id' : 'name'), { value: who.id || who.name }));
      return null;
    }
    return found;
  }
}

function resolveRule(scheme: Scheme, text: string): Rule | { problem: 'item_unknown' | 'item_not_recordable' | 'item_code_name_differs'; args: Record<string, string> } {
  const key = foldKey(text).replace(/[。．]/g, '.');
  const rule = scheme.rulesByCode.get(key) ?? scheme.rulesByName.get(key);
  if (rule) return rule;
  // The template's dropdown offers "7.1 群众投诉查证属实": a code followed by its own name. A code
  // runs to its last digit: 1.10 and 1.1.1 are other codes, not 1.1 followed by a name "0" or ".1".
  const coded = /^(\d+(?:\.\d+)+)(?![\d.])(.+)$/.exec(key);
  const byCode = coded ? scheme.rulesByCode.get(coded[1] as string) : undefined;
  if (byCode && foldKey(byCode.name) === coded?.[2]) return byCode;
  // A code with another name ("1.2 与服务对象争吵" where 1.2 is 早退): another scheme's code, most
  // likely; which of the two the clerk meant is not known, so no nearest item is offered.
  if (byCode) return { problem: 'item_code_name_differs', args: { code: byCode.code, name: text.trim().replace(/^\d+(?:[.．。]\d+)+\s*/, ''), schemeName: byCode.name } };
  const item = scheme.items.find((it) => it.code === key || foldKey(it.name) === key);
  if (item) return { problem: 'item_not_recordable', args: { suggestion: rulesOf(item)[0]?.code ?? '' } };
  const candidates = [...scheme.rulesByCode.values()].flatMap((r) => [r.code, foldKey(r.name)]);
  const near = nearest(key, candidates);
  const suggested = near === null ? '' : (scheme.rulesByCode.get(near) ?? scheme.rulesByName.get(near));
  return { problem: 'item_unknown', args: { suggestion: suggested ? `${suggested.code} ${suggested.name}` : '' } };
}

/** Rows of 记录 shown under records_all_outside_period: enough to see the dates, not a screen of the same error. */
const RECORD_DATE_EXAMPLES = 3;

/**
 * Every dated record (two or more) outside the period is most likely the wrong period (a month
 * workbook run with -p of the next month), not that many wrong dates: said once, first, with the
 * months the dates are in, and only the first few rows' date_outside_period kept as examples.
 * One record alone, or some of many, is said row by row: each is its own mistake.
 */
function allOutsidePeriod(problems: Problem[], dates: { outside: number; months: ReadonlySet<string>; firstAt: number }, sheet: SourceLocation, period: Period): void {
  let kept = 0;
  const rest = problems.splice(dates.firstAt).filter((p) => p.code !== 'date_outside_period' || kept++ < RECORD_DATE_EXAMPLES);
  const months = [...dates.months].sort();
  // Only the year differs when every month, in the period's year, lies in the period (2025-12's records run as 2026-12; 2025 H2's as 2026-H2).
  const differs = months.every((m) => periodContains(period, `${period.year}${m.slice(4)}-01` as IsoDate)) ? 'year' : 'month';
  const summary = problem('records_all_outside_period', sheet, { count: dates.outside, period: period.label, first: period.first, last: period.last, months: months.join(','), differs, shown: Math.min(dates.outside, RECORD_DATE_EXAMPLES) });
  problems.push(summary, ...rest);
}

/**
 * 记录 row by row: each row mapped, parsed and checked as it is reached, so that only the sheet's
 * raw rows and the records made are held (a city month's 80,000 rows were held mapped, parsed and
 * as records side by side). Parse problems come row by row with the row's other problems; the
 * report orders them by row and column all the same.
 */
function validateRecords(raw: RawTable, t: TableHead<Key<typeof recordColumns>>, resolver: SubjectResolver | null, scheme: Scheme, period: Period, problems: Problem[]): EntryRecord[] {
  const schema = z.object({
    date: date(period.year),
    id: optionalName,
    name: optionalName,
    unit: optionalName,
    item: requiredName,
    count,
    points: optionalPoints,
    matter: optionalName,
    note: optionalText,
    recorder: optionalText,
  });
  const column = (key: Key<typeof recordColumns>) => t.columns.find((c) => c.key === key);
  const records: EntryRecord[] = [];
  const days = new Map<IsoDate, IsoDate>();
  // A month's rows name a few dozen items and rules: each is resolved, and its limits found, once.
  const ruleOfItem = remembered((item: string) => resolveRule(scheme, item));
  const countLimitOf = remembered((rule: Rule) => countLimit(rule, scheme, period));
  const pointsLimitOf = remembered((rule: Rule) => explicitPointsLimit(rule, scheme));

  const parse = rowParser(t, schema, problems);
  const dates = { read: 0, outside: 0, months: new Set<string>(), firstAt: -1 };
  for (const { row, values } of mappedRows(raw, recordColumns, t)) {
    const value = parse(row, values);
    if (value === null) continue;
    const at = (key: Key<typeof recordColumns>) => locate(t, row, column(key));
    const before = problems.length;
    dates.read++;
    if (!periodContains(period, value.date)) {
      if (dates.outside++ === 0) dates.firstAt = problems.length;
      dates.months.add(value.date.slice(0, 7));
      problems.push(problem('date_outside_period', at('date'), { value: value.date, first: period.first, last: period.last }));
    }
    // The row's place, without a column: where a subject missing is said, and the record's.
    const where = locate(t, row);
    const who = resolver ? resolver.resolve(value, at, where) : null;
    const resolved = ruleOfItem(value.item);
    let rule: Rule | null = null;
    if ('problem' in resolved) problems.push(problem(resolved.problem, at('item'), { value: value.item, ...resolved.args }));
    else if (resolved.kind === 'rate') problems.push(problem('item_from_metrics', at('item'), { value: value.item, metric: resolved.metric }));
    else rule = resolved;
    // A unit-only record in a person scheme is scored, and its size checked, by the unit's scheme.
    const sized = scheme.subject === 'unit' || who?.personId !== null;
    if (rule) {
      if (!Number.isInteger(value.count) && !countsHalfDays(rule, scheme)) problems.push(problem('count_invalid', at('count'), { value: String(value.count) }));
      else if (sized) checkCount(countLimitOf(rule), value.count, at, problems);
      checkPoints(rule, sized ? pointsLimitOf(rule) : null, value.points, at, problems);
      checkSign(rule, values.points, value.points, at, problems);
    }
    const person = who?.personId ? resolver?.person(who.personId) : undefined;
    if (person && !isActiveOn(person, value.date)) {
      problems.push(problem('record_outside_person_dates', at('date'), { value: value.date, person: `${person.name}（${person.id}）`, start: person.start ?? '', end: person.end ?? '' }));
    }

    if (problems.length > before || rule === null || who === null) continue;
    // Written out, not spread (a spread gives each record a larger shape), each date one string
    // per day: the records are kept until the trace is written (at 8,000 staff 80,000 of them).
    const day = days.get(value.date) ?? value.date;
    days.set(day, day);
    records.push({ date: day, personId: who.personId, unit: who.unit, ruleCode: rule.code, count: value.count, points: value.points, matter: value.matter || null, note: value.note, recorder: value.recorder, at: where });
  }
  mattersAcrossItems(records, scheme, problems);
  if (dates.outside >= 2 && dates.outside === dates.read) allOutsidePeriod(problems, dates, { file: raw.file, sheet: raw.sheet }, period);
  return records.sort((a, b) => compareDates(a.date, b.date) || (a.at.row ?? 0) - (b.at.row ?? 0));
}

/**
 * 同一件事就高不就低 (convention 7) keeps the highest of a bonus item's records sharing a 事项编号;
 * records of another item (合理化建议 得5分 inside 工作实绩 beside a 受奖附加 on the same 事项编号)
 * are not bonus records of that item and both count, as the spec's rule reads. A clerk who gave
 * them one 事项编号 may have meant one matter: said once per matter and subject, at the row of the
 * second item, for them to check.
 */
function mattersAcrossItems(records: readonly EntryRecord[], scheme: Scheme, problems: Problem[]): void {
  const bonusItems = new Set(scheme.items.filter((item) => item.type === 'bonus').map((item) => item.code));
  const first = new Map<string, { rule: Rule; at: SourceLocation }>();
  const said = new Set<string>();
  for (const record of records) {
    const rule = scheme.rulesByCode.get(record.ruleCode);
    if (record.matter === null || rule === undefined || rule.sign < 0) continue;
    const key = `${subjectKeyOf(scheme, record)}\u0000${matterKey(record.matter)}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, { rule, at: record.at });
    else if (earlier.rule.itemCode !== rule.itemCode && (bonusItems.has(rule.itemCode) || bonusItems.has(earlier.rule.itemCode)) && !said.has(key)) {
      said.add(key);
      problems.push(problem('matter_across_items', record.at, { matter: record.matter, rule: ruleLabel(rule), other: ruleLabel(earlier.rule), otherRow: earlier.at.row ?? '' }, 'warning'));
    }
  }
}

/** What a 评分 or 指标 row may name: a mark item or a rate rule, by code or by its names. */
interface Target {
  code: string;
  label: string;
  names: string[];
  /** Highest value allowed (a mark's points). */
  max?: Hundredths;
}

/**
 * 评分 and 指标: one value per subject and target; unknown targets, duplicates, values over the
 * target's maximum and subjects missing a value are all reported.
 */
function validatePerSubject(
  t: Table<Key<typeof markColumns>>,
  value: typeof requiredPoints,
  targets: readonly Target[],
  codes: { unknown: 'mark_item_unknown' | 'metric_unknown'; duplicate: 'mark_duplicate' | 'metric_duplicate'; missing: 'mark_missing' | 'metric_missing' },
  context: { resolver: SubjectResolver; scheme: Scheme; subjects: ReadonlyMap<string, string>; problems: Problem[] },
): { personId: string | null; unit: string; code: string; value: Hundredths; at: Problem['at'] }[] {
  const { resolver, scheme, subjects, problems } = context;
  const parsed = parseRows(t, z.object({ id: optionalName, name: optionalName, unit: optionalName, item: requiredName, value }));
  problems.push(...parsed.problems);
  const column = (key: Key<typeof markColumns>) => t.columns.find((c) => c.key === key);
  const found: ReturnType<typeof validatePerSubject> = [];
  const seen = new Map<string, number>();
  for (const { row, value: v } of parsed.rows) {
    const at = (key: Key<typeof markColumns>) => locate(t, row, column(key));
    const who = resolver.resolve(v, at, locate(t, row));
    const key = foldKey(v.item);
    const target = targets.find((x) => x.code === key || x.names.some((n) => foldKey(n) === key));
    if (!target) {
      problems.push(problem(codes.unknown, at('item'), { value: v.item, expected: targets.map((x) => x.label).join('、') }));
      continue;
    }
    if (!who) continue;
    const pair = `${subjectKeyOf(scheme, who)}\u0000${target.code}`;
    const earlier = seen.get(pair);
    if (earlier !== undefined) {
      problems.push(problem(codes.duplicate, locate(t, row), { item: target.label, firstRow: earlier }));
      continue;
    }
    seen.set(pair, row);
    if (target.max !== undefined && v.value > target.max) {
      problems.push(problem('mark_out_of_range', at('value'), { item: target.label, max: target.max / 100, value: v.value / 100 }));
      continue;
    }
    found.push({ ...who, code: target.code, value: v.value, at: locate(t, row) });
  }
  // A value given but invalid is reported once, as invalid, not again as missing.
  for (const subject of new Set(subjects.values())) {
    for (const target of targets) {
      if (!seen.has(`${subject}\u0000${target.code}`)) problems.push(problem(codes.missing, locate(t), { subject, item: target.label }));
    }
  }
  return found;
}

/** 月度: each person's monthly base scores (bonus excluded) when no month workbooks are given. */
function validateMonthly(t: Table<Key<typeof monthlyColumns>>, resolver: SubjectResolver, scheme: Scheme, period: Period, problems: Problem[]): MonthlyBase[] {
  const parsed = parseRows(t, z.object({ id: optionalName, name: optionalName, unit: optionalName, month: monthOf(period.year), base: requiredPoints }));
  problems.push(...parsed.problems);
  const column = (key: Key<typeof monthlyColumns>) => t.columns.find((c) => c.key === key);
  const seen = new Map<string, number>();
  const months: MonthlyBase[] = [];
  // A month's base is out of the scale that earns the item's full points (city-hall-annual: 100, the
  // monthly scheme's base); above it is a total with bonus, which the mean would have counted.
  // The sheet is read only for a scheme with a monthly item (inputsNeeded).
  const full = scheme.items.find((it) => it.type === 'monthly')!.scale;
  for (const { row, value } of parsed.rows) {
    const at = (key: Key<typeof monthlyColumns>) => locate(t, row, column(key));
    const who = resolver.resolve(value, at, locate(t, row));
    if (value.month < period.first.slice(0, 7) || value.month > period.last.slice(0, 7)) {
      problems.push(problem('date_outside_period', at('month'), { value: value.month, first: period.first, last: period.last }));
      continue;
    }
    if (value.base > full) {
      problems.push(problem('monthly_base_out_of_range', at('base'), { value: value.base / 100, max: full / 100 }));
      continue;
    }
    if (!who) continue;
    // Not in post that month: the month's workbook would refuse the person (person_inactive).
    const person = who.personId ? resolver.person(who.personId) : undefined;
    if (person && !isActiveIn(person, parsePeriod(value.month)!)) {
      problems.push(problem('monthly_outside_person_dates', at('month'), { month: value.month, person: `${person.name}（${person.id}）`, start: person.start ?? '', end: person.end ?? '' }));
      continue;
    }
    const subjectKey = subjectKeyOf(scheme, who);
    const pair = `${subjectKey}\u0000${value.month}`;
    const earlier = seen.get(pair);
    if (earlier !== undefined) {
      problems.push(problem('monthly_duplicate', locate(t, row), { month: value.month, firstRow: earlier }));
      continue;
    }
    seen.set(pair, row);
    months.push({ subjectKey, month: value.month, base: value.base, at: locate(t, row) });
  }
  return months.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

/** A function's answers kept by argument: for a pure function asked the same few things many times. */
function remembered<K, V>(answer: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key)!;
    const value = answer(key);
    known.set(key, value);
    return value;
  };
}

/** Where a cell of the row is: asked only for a problem to say (a city month's 记录 rows have few). */
type CellAt<K extends string> = (key: K) => Problem['at'];

/** 次数 up to the days of the period for a rule counting days, else the scheme's limit (limits.ts). */
function checkCount(limit: CountLimit, count: number, at: CellAt<'count'>, problems: Problem[]): void {
  if (count > limit.max) problems.push(problem('count_out_of_range', at('count'), { value: String(count), max: limit.max, basis: limit.basis, days: limit.days, perSession: limit.perSession }));
}

/**
 * 分值: required and within range for 视情 rules, required for explicit ones and at most their
 * item's points, otherwise empty or equal.
 */
function checkPoints(rule: Rule, explicitLimit: ReturnType<typeof explicitPointsLimit>, points: Hundredths | null, cellAt: CellAt<'points'>, problems: Problem[]): void {
  // The rule's label and the cell's place, made for a problem only.
  const args = () => ({ rule: ruleLabel(rule) });
  const at = () => cellAt('points');
  switch (rule.kind) {
    case 'ranged':
      if (points === null) problems.push(problem('points_required', at(), { ...args(), min: rule.min / 100, max: rule.max / 100 }));
      else if (points < rule.min || points > rule.max) {
        problems.push(problem('points_out_of_range', at(), { ...args(), min: rule.min / 100, max: rule.max / 100, value: points / 100 }));
      }
      return;
    case 'explicit':
      if (points === null) problems.push(problem('points_required', at(), args()));
      else if (points === 0) problems.push(problem('points_must_be_positive', at(), args()));
      else if (explicitLimit && points > explicitLimit.max) problems.push(problem('points_over_item', at(), { ...args(), max: explicitLimit.max / 100, scope: explicitLimit.scope, value: points / 100 }));
      return;
    case 'flag':
      if (points !== null && points !== 0) problems.push(problem('points_mismatch', at(), { ...args(), expected: 0, value: points / 100 }));
      return;
    case 'rate':
      return;
    case 'fixed':
    case 'per_unit':
    case 'per_n':
    case 'over':
      if (points !== null && points !== rule.points) {
        problems.push(problem('points_mismatch', at(), { ...args(), expected: rule.points / 100, value: points / 100 }));
      }
  }
}

/**
 * A sign written against the item's (a bonus of −8, a deduction of +2) is a slip the score must
 * not settle by guessing: dropping it would add 8 where the clerk may have meant a deduction.
 * An unsigned number, or a deduction written negative (as the scheme lists it: −2), is taken.
 */
function checkSign(rule: Rule, cell: CellValue, points: Hundredths | null, at: CellAt<'points'>, problems: Problem[]): void {
  const written = writtenSign(cell);
  if (points === null || points === 0 || written === 0 || written === rule.sign) return;
  problems.push(problem('points_sign_contradicts', at('points'), { rule: ruleLabel(rule), kind: rule.sign === 1 ? '加分' : '扣分', value: String(cell) }));
}

/** Subject keys a peer sheet may name, by the names clerks use: unit names, or 工号 and names. */
function subjectKeys(scheme: Scheme, roster: readonly Person[], period: Period): Map<string, string> {
  const keys = new Map<string, string>();
  const active = roster.filter((p) => isActiveIn(p, period));
  if (scheme.subject === 'unit') {
    for (const p of active) keys.set(unitKey(p.unit), unitKey(p.unit));
  } else {
    // Names as the sheet's are read (cleanName), to match them.
    const nameCount = new Map<string, number>();
    for (const p of active) nameCount.set(cleanName(p.name), (nameCount.get(cleanName(p.name)) ?? 0) + 1);
    for (const p of active) {
      keys.set(p.id, p.id);
      if (nameCount.get(cleanName(p.name)) === 1) keys.set(cleanName(p.name), p.id);
    }
  }
  return keys;
}

/**
 * 互评: who rates whom, each a key of `subjects` or, in a person scheme, a 姓名 as the other
 * sheets read one alone (`names`, the people in post: 陈建国 for 陈建国(借调)).
 */
function validatePeer(t: Table<Key<typeof peerColumns>>, subjects: ReadonlyMap<string, string>, names: RosterNames | null, problems: Problem[]): { ratings: PeerRating[]; refused: Set<string> } {
  const parsed = parseRows(t, z.object({ rater: requiredName, ratee: requiredName, score: peerScore }));
  problems.push(...parsed.problems);
  const column = (key: Key<typeof peerColumns>) => t.columns.find((c) => c.key === key);
  /** The subject a 评分人 or 被评对象 names, or the roster people a person scheme's 姓名 may mean (none or several). */
  const named = (text: string): string | Person[] => {
    const known = subjects.get(text);
    // A person scheme's 姓名 (the map holds it when unique) is read as every sheet reads one alone.
    if (known !== undefined && (names === null || known === text)) return known;
    const meant = names?.meant(text) ?? [];
    return meant.length === 1 ? meant[0]!.id : meant;
  };
  const subjectOf = (text: string, row: number, key: 'rater' | 'ratee'): string | undefined => {
    const found = named(text);
    if (typeof found === 'string') return found;
    const at = locate(t, row, column(key));
    if (found.length > 1) problems.push(nameAmbiguous(text, found, at));
    else problems.push(problem('peer_unknown_subject', at, { value: text, suggestion: nearest(text, [...subjects.keys()]) ?? '' }));
    return undefined;
  };
  // The subjects rated on rows refused with an error: their ratings are said there.
  const refused = new Set<string>();
  const parsedRows = new Set(parsed.rows.map((r) => r.row));
  // Its 被评对象 read as on any row, the other cells (whatever is wrong with them) as text.
  const rateeOnly = rowParser(t, z.object({ rater: optionalName, ratee: requiredName, score: optionalName }), []);
  for (const { row, values } of t.rows) {
    if (parsedRows.has(row)) continue;
    const ratee = rateeOnly(row, values)?.ratee;
    const subject = ratee === undefined ? undefined : named(ratee);
    if (typeof subject === 'string') refused.add(subject);
  }
  const seen = new Map<string, number>();
  const ratings: PeerRating[] = [];
  for (const { row, value } of parsed.rows) {
    const rater = subjectOf(value.rater, row, 'rater');
    const ratee = subjectOf(value.ratee, row, 'ratee');
    if (rater === undefined || ratee === undefined) {
      if (ratee !== undefined) refused.add(ratee);
      continue;
    }
    if (rater === ratee) {
      problems.push(problem('peer_self_rating', locate(t, row), { value: value.rater }, 'warning'));
      continue;
    }
    const pair = `${rater}\u0000${ratee}`;
    const earlier = seen.get(pair);
    if (earlier !== undefined) {
      problems.push(problem('peer_duplicate', locate(t, row), { rater: value.rater, ratee: value.ratee, firstRow: earlier }));
      continue;
    }
    seen.set(pair, row);
    ratings.push({ rater, ratee, score: value.score, at: locate(t, row) });
  }
  return { ratings, refused };
}

/** The 设置 keys --point-value and --notice-days give instead (input-format.md: flags override the sheet), by option. */
export const FLAG_SETTINGS = { pointValue: '每分分值', noticeDays: '公示天数' } as const;

/** A flag as typed, from its option's name: noticeDays → --notice-days. */
export const flagName = (option: string): string => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** What validation is told of the run: --allow-missing-peer, the 月度 bases, and the settings flags give. */
export interface ValidateOptions {
  allowMissingPeer: boolean;
  monthly?: MonthlyBase[];
  /** 设置 key → the flag given for it. */
  flagged?: ReadonlyMap<SettingKey, string>;
}

/** The 设置 keys given by --notice-days and --point-value, with the flag's name. */
export function flaggedSettings(flags: { noticeDays?: string; pointValue?: string }): ReadonlyMap<SettingKey, string> {
  return new Map(Object.entries(FLAG_SETTINGS).filter(([option]) => flags[option as keyof typeof FLAG_SETTINGS] !== undefined).map(([option, key]) => [key, flagName(option)]));
}

/**
 * Each key's value (the first row's; a second row is a problem of its own) and the cell it was
 * read from. A value kaohe cannot read stops the run, but where a flag gives the setting instead:
 * the cell is not used, so it is said as a hint naming the flag.
 */
function readSettings(raw: RawTable | undefined, problems: Problem[], flagged: ReadonlyMap<SettingKey, string> = new Map()): SettingsRead {
  const settings = new Map<string, string>();
  const settingCells = new Map<SettingKey, SettingCell>();
  if (!raw) return { settings, settingCells };
  // A header row (设置项 | 值) is not a setting.
  const keyHeaders = new Set(settingsSheet.columns[0].headers.map(foldKey));
  const firstRows = new Map<string, number>();
  for (const { row, cells } of raw.rows) {
    const key = cells[0] === null || cells[0] === undefined ? '' : cleanName(String(cells[0]));
    if (key === '' || keyHeaders.has(foldKey(key))) continue;
    const canonical = settingKeyOf(key);
    if (!canonical) {
      const near = nearest(foldKey(key), settingDeclarations.map((s) => s.key)) ?? '';
      problems.push(problem('setting_unknown', locate(raw, row), { value: key, nearest: near }, 'warning'));
      continue;
    }
    // 夏季开始 typed 05-01 is a date cell shown 5月1日: its month-day, not the date Excel made of it.
    const value = monthDayCellText(canonical, cells[1]) ?? settingText(cells[1]);
    const earlier = firstRows.get(canonical);
    if (earlier !== undefined) {
      // A key given twice is a guess either way unless both rows say the same.
      const same = settings.get(canonical) === value;
      problems.push(problem('setting_duplicate', locate(raw, row), { key: canonical, firstRow: earlier, first: settings.get(canonical) ?? '', value, same: same ? 1 : 0 }, same ? 'warning' : 'error'));
      continue;
    }
    const at = locate(raw, row, { header: settingsSheet.columns[1].headers[0], index: 1 });
    firstRows.set(canonical, row);
    settingCells.set(canonical, { at, value: cells[1] });
    settings.set(canonical, value);
    const expected = settingFault(canonical, value);
    const flag = flagged.get(canonical);
    if (expected) problems.push(flag ? problem('setting_invalid', at, { key: canonical, value, expected, flag }, 'warning') : problem('setting_invalid', at, { key: canonical, value, expected }));
    if (canonical === '公示联系电话' && typeof cells[1] === 'number' && lostLeadingZero(value)) problems.push(problem('setting_phone_number', at, { value }, 'warning'));
  }
  return { settings, settingCells };
}

/**
 * A phone number Excel kept as a number has lost the 0 of its area code (0513 80868672 →
 * 51380868672, printed so on the notice): 9 to 11 digits that are not a mobile number (11 from 1).
 * A local number without area code (8 digits) is whole.
 */
function lostLeadingZero(digits: string): boolean {
  return /^[1-9]\d{8,10}$/.test(digits) && !/^1\d{10}$/.test(digits);
}

/**
 * What a 公示天数 or 每分分值 should have been, when it is not: checked with the other settings, so
 * `check` finds it and the error names its cell (the hours are checked where they are applied).
 */
function settingFault(key: SettingKey, value: string): 'notice_days' | 'point_value' | null {
  if (value === '') return null;
  if (key === '公示天数') return noticeDaysOf(value) === null ? 'notice_days' : null;
  if (key === '每分分值') return pointValueText(value) === null ? 'point_value' : null;
  return null;
}

/** A date cell (考勤起始日期) is its calendar day; other date and time cells as Excel shows them. */
export function settingText(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : value instanceof LocalDateTime ? (value.date ?? String(value)) : cleanText(String(value));
}
