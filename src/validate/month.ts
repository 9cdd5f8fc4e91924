import { z } from 'zod';
import type { Hundredths } from '../core/decimal.js';
import { compareDates } from '../core/dates.js';
import { monthPeriod, periodContains, type Period } from '../core/period.js';
import { problem, type Problem } from '../core/problems.js';
import { cleanName, foldKey } from '../core/text.js';
import { mapHeader, type ColumnSpec } from '../read/header.js';
import { locate, type RawTable, type Table } from '../read/table.js';
import type { Rule, Scheme } from '../scheme/model.js';
import { isActiveIn, type EntryRecord, type PeerRating, type Person, type PeriodInput } from '../score/input.js';
import { count, date, optionalDate, optionalName, optionalPoints, optionalText, parseRows, peerScore, requiredName } from './fields.js';
import { nearest } from './nearest.js';

/** Sheet names (and English aliases) of the month workbook, per input-format.md. */
export const monthSheets = new Map<string, readonly string[]>([
  ['roster', ['人员', 'roster', 'staff']],
  ['records', ['记录', 'records']],
  ['peer', ['互评', 'peer']],
  ['settings', ['设置', 'settings']],
]);

const rosterColumns = [
  { key: 'id', headers: ['工号', '编号', '人员编号', 'id'], required: true },
  { key: 'name', headers: ['姓名', '名字', 'name'], required: true },
  { key: 'unit', headers: ['窗口', '科室', '部门', 'unit'], required: true },
  { key: 'category', headers: ['类别', '人员类别', 'category'] },
  { key: 'start', headers: ['到岗日期', 'start'] },
  { key: 'end', headers: ['离岗日期', 'end'] },
] as const satisfies readonly ColumnSpec<string>[];

const recordColumns = [
  { key: 'date', headers: ['日期', 'date'], required: true },
  { key: 'id', headers: ['工号', '编号', '人员编号', 'id'] },
  { key: 'name', headers: ['姓名', '名字', 'name'] },
  { key: 'unit', headers: ['窗口', '科室', '部门', 'unit'] },
  { key: 'item', headers: ['项目', '代码', '项目代码', 'item'], required: true },
  { key: 'count', headers: ['次数', '数量', 'count'] },
  { key: 'points', headers: ['分值', '分数', 'points'] },
  { key: 'matter', headers: ['事项编号', 'matter'] },
  { key: 'note', headers: ['说明', '备注', 'note'] },
  { key: 'recorder', headers: ['记录人', 'recorder'] },
] as const satisfies readonly ColumnSpec<string>[];

const peerColumns = [
  { key: 'rater', headers: ['评分人', '评分窗口', 'rater'], required: true },
  { key: 'ratee', headers: ['被评对象', '被评窗口', '被评人', 'ratee'], required: true },
  { key: 'score', headers: ['分数', '得分', 'score'], required: true },
] as const satisfies readonly ColumnSpec<string>[];

/** Keys the 设置 sheet may hold (input-format.md); others are warned about. */
export const settingKeys = [
  '单位名称',
  '公示联系电话',
  '公示发布单位',
  '公示天数',
  '每分分值',
  '作息时间',
  '夏季作息时间',
  '冬季作息时间',
  '夏季开始',
  '冬季开始',
  '迟到宽限分钟',
] as const;

type Key<C extends readonly ColumnSpec<string>[]> = C[number]['key'];

export interface MonthValidation {
  input: PeriodInput | null;
  settings: Map<string, string>;
  problems: Problem[];
}

function requireSheet(sheets: ReadonlyMap<string, RawTable>, name: string, file: string, problems: Problem[]): RawTable | null {
  const raw = sheets.get(name);
  if (!raw) {
    const names = monthSheets.get(name) ?? [];
    problems.push(problem('sheet_missing', { file }, { sheet: names[0] ?? name, aliases: names.slice(1).join('、') }));
    return null;
  }
  return raw;
}

function table<C extends readonly ColumnSpec<string>[]>(raw: RawTable | null, columns: C, problems: Problem[]): Table<Key<C>> | null {
  if (!raw) return null;
  const { table: mapped, problems: found } = mapHeader(raw, columns);
  problems.push(...found);
  if (mapped && mapped.rows.length === 0) problems.push(problem('sheet_empty', locate(mapped), {}, 'warning'));
  return found.some((p) => p.severity === 'error') ? null : (mapped ?? null);
}

/**
 * The period when neither --period nor the file name gives it: the month all record dates
 * fall in, or null when they span months (then the user must say --period).
 */
export function periodFromRecords(sheets: ReadonlyMap<string, RawTable>): Period | null {
  const raw = sheets.get('records');
  if (!raw) return null;
  const mapped = mapHeader(raw, recordColumns).table;
  if (!mapped) return null;
  const anyYear = date(undefined);
  const months = new Set(
    mapped.rows.flatMap(({ values }) => {
      const parsed = anyYear.safeParse(values.date);
      return parsed.success ? [parsed.data.slice(0, 7)] : [];
    }),
  );
  if (months.size !== 1) return null;
  const [year, month] = [...months][0]!.split('-').map(Number);
  return monthPeriod(year as number, month as number);
}

/**
 * Turns the month workbook's sheets into typed, resolved inputs, collecting every problem
 * (each with file, sheet, row and column) instead of stopping at the first.
 */
export function validateMonth(
  file: string,
  sheets: ReadonlyMap<string, RawTable>,
  scheme: Scheme,
  period: Period,
  options: { allowMissingPeer: boolean },
): MonthValidation {
  const problems: Problem[] = [];
  const year = period.year;
  const rosterTable = table(requireSheet(sheets, 'roster', file, problems), rosterColumns, problems);
  const recordTable = table(requireSheet(sheets, 'records', file, problems), recordColumns, problems);
  const hasPeer = scheme.items.some((it) => it.type === 'peer');
  const peerTable = hasPeer ? table(requireSheet(sheets, 'peer', file, problems), peerColumns, problems) : null;
  const settings = readSettings(sheets.get('settings'), problems);

  const roster = rosterTable ? validateRoster(rosterTable, year, problems) : null;
  const records = rosterTable && roster && recordTable ? validateRecords(recordTable, roster, scheme, period, problems) : [];
  const subjects = roster ? subjectKeys(scheme, roster, period) : null;
  const peer = peerTable && subjects ? validatePeer(peerTable, subjects, problems) : [];
  if (peerTable && subjects) {
    // Every subject needs ratings; with --allow-missing-peer the item is left at 0 and flagged.
    const rated = new Set(peer.map((r) => r.ratee));
    for (const key of new Set(subjects.values())) {
      if (!rated.has(key)) problems.push(problem('peer_missing', locate(peerTable), { subject: key }, options.allowMissingPeer ? 'warning' : 'error'));
    }
  }

  const valid = roster !== null && recordTable !== null && (!hasPeer || peerTable !== null) && !problems.some((p) => p.severity === 'error');
  return { input: valid ? { period, roster, records, peer } : null, settings, problems };
}

function validateRoster(t: Table<Key<typeof rosterColumns>>, year: number, problems: Problem[]): Person[] {
  const schema = z.object({
    id: requiredName,
    name: requiredName,
    unit: requiredName,
    category: optionalName,
    start: optionalDate(year),
    end: optionalDate(year),
  });
  const parsed = parseRows(t, schema);
  problems.push(...parsed.problems);
  const idColumn = t.columns.find((c) => c.key === 'id');
  const firstRowOfId = new Map<string, number>();
  const people: Person[] = [];
  for (const { row, value } of parsed.rows) {
    const earlier = firstRowOfId.get(value.id);
    if (earlier !== undefined) {
      problems.push(problem('person_id_duplicate', locate(t, row, idColumn), { id: value.id, firstRow: earlier }));
      continue;
    }
    firstRowOfId.set(value.id, row);
    people.push({ ...value, category: value.category || '其他', at: locate(t, row) });
  }
  return people;
}

interface Lookup {
  byId: Map<string, Person>;
  byName: Map<string, Person[]>;
  units: Set<string>;
}

function lookupOf(roster: readonly Person[]): Lookup {
  const byName = new Map<string, Person[]>();
  for (const p of roster) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  return { byId: new Map(roster.map((p) => [p.id, p])), byName, units: new Set(roster.map((p) => p.unit)) };
}

function resolveRule(scheme: Scheme, text: string): Rule | { problem: 'item_unknown' | 'item_not_recordable'; suggestion: string } {
  const key = foldKey(text).replace(/[。．]/g, '.');
  const rule = scheme.rulesByCode.get(key) ?? scheme.rulesByName.get(key);
  if (rule) return rule;
  const item = scheme.items.find((it) => it.code === key || foldKey(it.name) === key);
  if (item) {
    const first = item.type === 'peer' ? '' : (item.rules[0]?.code ?? '');
    return { problem: 'item_not_recordable', suggestion: first };
  }
  const candidates = [...scheme.rulesByCode.values()].flatMap((r) => [r.code, foldKey(r.name)]);
  const near = nearest(key, candidates);
  const suggested = near === null ? '' : (scheme.rulesByCode.get(near) ?? scheme.rulesByName.get(near));
  return { problem: 'item_unknown', suggestion: suggested ? `${suggested.code} ${suggested.name}` : '' };
}

function validateRecords(
  t: Table<Key<typeof recordColumns>>,
  roster: readonly Person[],
  scheme: Scheme,
  period: Period,
  problems: Problem[],
): EntryRecord[] {
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
  const parsed = parseRows(t, schema);
  problems.push(...parsed.problems);
  const lookup = lookupOf(roster);
  const column = (key: Key<typeof recordColumns>) => t.columns.find((c) => c.key === key);
  const records: EntryRecord[] = [];

  for (const { row, value } of parsed.rows) {
    const at = (key: Key<typeof recordColumns>) => locate(t, row, column(key));
    const before = problems.length;

    if (!periodContains(period, value.date)) {
      problems.push(problem('date_outside_period', at('date'), { value: value.date, first: period.first, last: period.last }));
    }

    let personId: string | null = null;
    let unit = '';
    if (value.id) {
      const p = lookup.byId.get(value.id);
      if (!p) problems.push(problem('person_unknown', at('id'), { value: value.id }));
      else if (value.name && value.name !== p.name) problems.push(problem('person_name_mismatch', at('name'), { id: p.id, expected: p.name, value: value.name }));
      else [personId, unit] = [p.id, p.unit];
    } else if (value.name) {
      const matches = lookup.byName.get(value.name) ?? [];
      if (matches.length === 0) problems.push(problem('person_unknown', at('name'), { value: value.name }));
      else if (matches.length > 1) problems.push(problem('person_ambiguous', at('name'), { value: value.name, ids: matches.map((m) => m.id).join('、') }));
      else [personId, unit] = [matches[0]!.id, matches[0]!.unit];
    } else if (value.unit) {
      if (scheme.subject === 'person') problems.push(problem('unit_record_in_person_scheme', at('unit'), { value: value.unit }));
      else if (!lookup.units.has(value.unit)) {
        problems.push(problem('unit_unknown', at('unit'), { value: value.unit, suggestion: nearest(value.unit, [...lookup.units]) ?? '' }));
      } else unit = value.unit;
    } else {
      problems.push(problem('subject_missing', locate(t, row)));
    }
    if (personId !== null && !isActiveIn(lookup.byId.get(personId)!, period)) {
      problems.push(problem('person_inactive', at(value.id ? 'id' : 'name'), { value: value.id || value.name }));
    }

    const resolved = resolveRule(scheme, value.item);
    let rule: Rule | null = null;
    if ('problem' in resolved) problems.push(problem(resolved.problem, at('item'), { value: value.item, suggestion: resolved.suggestion }));
    else rule = resolved;
    if (rule) checkPoints(rule, value.points, at('points'), problems);

    if (problems.length > before || rule === null) continue;
    records.push({
      date: value.date,
      personId,
      unit,
      ruleCode: rule.code,
      count: value.count,
      points: value.points,
      matter: value.matter || null,
      note: value.note,
      recorder: value.recorder,
      at: locate(t, row),
    });
  }
  return records.sort((a, b) => compareDates(a.date, b.date) || (a.at.row ?? 0) - (b.at.row ?? 0));
}

/** 分值: required and within range for 视情 rules, required for explicit ones, otherwise empty or equal. */
function checkPoints(rule: Rule, points: Hundredths | null, at: Problem['at'], problems: Problem[]): void {
  const args = { rule: `${rule.code} ${rule.name}` };
  switch (rule.kind) {
    case 'ranged':
      if (points === null) problems.push(problem('points_required', at, { ...args, min: rule.min / 100, max: rule.max / 100 }));
      else if (points < rule.min || points > rule.max) {
        problems.push(problem('points_out_of_range', at, { ...args, min: rule.min / 100, max: rule.max / 100, value: points / 100 }));
      }
      return;
    case 'explicit':
      if (points === null) problems.push(problem('points_required', at, args));
      else if (points === 0) problems.push(problem('points_must_be_positive', at, args));
      return;
    case 'fixed':
    case 'per_unit':
      if (points !== null && points !== rule.points) {
        problems.push(problem('points_mismatch', at, { ...args, expected: rule.points / 100, value: points / 100 }));
      }
  }
}

/** Subject keys a peer sheet may name, by the names clerks use: unit names, or 工号 and names. */
function subjectKeys(scheme: Scheme, roster: readonly Person[], period: Period): Map<string, string> {
  const keys = new Map<string, string>();
  const active = roster.filter((p) => isActiveIn(p, period));
  if (scheme.subject === 'unit') {
    for (const p of active) keys.set(p.unit, p.unit);
  } else {
    const nameCount = new Map<string, number>();
    for (const p of active) nameCount.set(p.name, (nameCount.get(p.name) ?? 0) + 1);
    for (const p of active) {
      keys.set(p.id, p.id);
      if (nameCount.get(p.name) === 1) keys.set(p.name, p.id);
    }
  }
  return keys;
}

function validatePeer(t: Table<Key<typeof peerColumns>>, subjects: ReadonlyMap<string, string>, problems: Problem[]): PeerRating[] {
  const parsed = parseRows(t, z.object({ rater: requiredName, ratee: requiredName, score: peerScore }));
  problems.push(...parsed.problems);
  const column = (key: Key<typeof peerColumns>) => t.columns.find((c) => c.key === key);
  const seen = new Map<string, number>();
  const ratings: PeerRating[] = [];
  for (const { row, value } of parsed.rows) {
    const rater = subjects.get(value.rater);
    const ratee = subjects.get(value.ratee);
    const names = [...subjects.keys()];
    if (rater === undefined) problems.push(problem('peer_unknown_subject', locate(t, row, column('rater')), { value: value.rater, suggestion: nearest(value.rater, names) ?? '' }));
    if (ratee === undefined) problems.push(problem('peer_unknown_subject', locate(t, row, column('ratee')), { value: value.ratee, suggestion: nearest(value.ratee, names) ?? '' }));
    if (rater === undefined || ratee === undefined) continue;
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
  return ratings;
}

function readSettings(raw: RawTable | undefined, problems: Problem[]): Map<string, string> {
  const settings = new Map<string, string>();
  if (!raw) return settings;
  const known = new Map(settingKeys.map((k) => [foldKey(k), k]));
  for (const { row, cells } of raw.rows) {
    const key = cells[0] === null || cells[0] === undefined ? '' : cleanName(String(cells[0]));
    if (key === '' || ['设置项', '项目', '键', 'key'].includes(foldKey(key))) continue;
    const canonical = known.get(foldKey(key));
    if (!canonical) {
      problems.push(problem('setting_unknown', locate(raw, row), { value: key }, 'warning'));
      continue;
    }
    const value = cells[1];
    settings.set(canonical, value === null || value === undefined ? '' : String(value).trim());
  }
  return settings;
}
