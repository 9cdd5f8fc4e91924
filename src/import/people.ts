import { problem, type NamesakePlace, type Problem } from '../core/problems.js';
import { shownName } from '../core/text.js';
import { rosterSheet } from '../core/input-sheets.js';
import { mapHeader } from '../read/header.js';
import { dateFromCell, type CellValue, type RawTable } from '../read/table.js';
import { idKey, idText, onlyZeros, personName, writtenId } from './identity.js';
import { describePerson, type ExportPerson, type ImportData } from './model.js';
import type { IsoDate } from '../core/dates.js';

/**
 * Who each person of an export is. With a roster (--roster, or the month workbook's 人员): by
 * 工号, then clock number (人员 column 考勤号码; export 考勤号码/登记号码/设备工号/账号/UserId),
 * then name — names compared without their notes; an id written exactly so first, else one equal to
 * it without leading zeros (several such rows: refused, never picked). Without
 * one: the export's own ids, names and departments make the roster.
 */
export interface RosterEntry {
  id: string;
  /** The name matched by, without its notes (张三 for 张三（借调）). */
  name: string;
  /** The name as the roster writes it (张三（借调）), written beside the 工号 in the sheets made: scoring compares the two folded. */
  shownName: string;
  unit: string;
  clockId: string;
  category: string;
  /** The roster's 到岗日期 and 离岗日期 (null when blank or not read as a date; kaohe import says so, rosterDateProblems). */
  start: IsoDate | null;
  end: IsoDate | null;
}

export interface Resolved {
  /** Export person key → roster entry. */
  byKey: Map<string, RosterEntry>;
  /** The roster to write when the export made it (null when one was given). */
  built: RosterEntry[] | null;
  /** The roster in its order (given or built), for writing rows person by person. */
  entries: readonly RosterEntry[];
  /** Said on screen: clock numbers were matched to 工号 because the roster has no 考勤号码. */
  clockAsId: boolean;
  problems: Problem[];
}

/**
 * The 人员 rows as written, for matching only (the roster is validated later, as always). Its
 * dates are read as scoring reads them (dateFromCell, in the period's `year` and the file's date
 * system): kaohe import says at its cell one that cannot be (rosterDateProblems).
 */
export function rosterEntries(raw: RawTable, year: number): RosterEntry[] {
  const { table } = mapHeader(raw, rosterSheet.columns);
  if (!table) return [];
  const text = (v: unknown) => (v === null || v === undefined ? '' : idText(v as string));
  const dateOf = (v: unknown) => (v === null || v === undefined ? null : dateFromCell(v as CellValue, year, raw.date1904 === true));
  return table.rows.map(({ values }) => ({
    id: text(values.id),
    name: personName(values.name),
    shownName: typeof values.name === 'string' || typeof values.name === 'number' ? shownName(String(values.name)) : '',
    unit: text(values.unit),
    clockId: writtenId(values.clockId as CellValue | undefined),
    category: text(values.category),
    start: dateOf(values.start),
    end: dateOf(values.end),
  }));
}

export function resolvePeople(data: ImportData, roster: readonly RosterEntry[] | null): Resolved {
  return roster ? matchRoster(data, roster) : buildRoster(data);
}

/**
 * Of the people an export holds nothing of in the period (`gone`), those who are not one of its
 * held people under another number: resolved with everyone (by the roster's numbers, or without one
 * as the export's people are built), none shares a roster row with a held person — an approval
 * list's 0005 is the log's 105 when the roster says 工号 0005 is 考勤号码 105.
 */
export function goneUnderEveryNumber(data: ImportData, roster: readonly RosterEntry[] | null, held: ReadonlySet<string>, gone: readonly ExportPerson[]): ExportPerson[] {
  const { byKey } = resolvePeople(data, roster);
  const heldRows = new Set([...byKey].filter(([key]) => held.has(key)).map(([, entry]) => entry));
  return gone.filter((p) => {
    const entry = byKey.get(p.key);
    return entry === undefined || !heldRows.has(entry);
  });
}

function matchRoster(data: ImportData, roster: readonly RosterEntry[]): Resolved {
  const problems: Problem[] = [];
  const byId = numberIndex(roster, (r) => r.id);
  const byClock = numberIndex(roster, (r) => r.clockId);
  const byName = group(roster, (r) => r.name);
  const people = sorted(data.people);
  const namesakes = group(people, (p) => p.name);
  const numbering = numberingOf(data);
  const foldedNames = new Set<string>();
  // A roster without any 考勤号码 (blank, 无, or only zeros for no clock): clock numbers are taken as 工号 (and said so).
  const clockAsId = roster.every((r) => r.clockId === '' || onlyZeros(r.clockId));
  const byKey = new Map<string, RosterEntry>();
  let usedClockAsId = false;
  for (const p of people) {
    const candidates: [string, RosterEntry[], boolean, boolean][] = [
      [p.id, p.id ? byId.find(p.id) : [], false, false],
      [p.clockId, p.clockId ? (clockAsId ? byId : byClock).find(p.clockId) : [], clockAsId, !clockAsId],
    ];
    const byNumber = candidates.find(([, found]) => found.length > 0);
    if (byNumber) {
      const [number, found, asId, inClockColumn] = byNumber;
      if (found.length > 1) {
        // Two roster rows under this very number (a clock number given to a newcomer), or 0101 and 101
        // with the export's in neither form: whose punches they are is not guessed.
        const numberOf = (r: RosterEntry) => (inClockColumn ? r.clockId : r.id);
        const ids = found.map((r) => `${numberOf(r)} ${r.name}`).join('、');
        const code = found.every((r) => numberOf(r) === number) ? 'export_id_shared' : 'export_id_zeros_ambiguous';
        problems.push(problem(code, p.at, { value: number, ids, column: inClockColumn ? '考勤号码' : '工号' }));
        continue;
      }
      const entry = found[0]!;
      if (p.name && entry.name && p.name !== entry.name) {
        problems.push(problem('export_person_mismatch', p.at, { value: p.written || p.name, id: p.id || p.clockId, expected: entry.name }));
        continue;
      }
      usedClockAsId ||= asId;
      byKey.set(p.key, entry);
      continue;
    }
    const named = p.name ? (byName.get(p.name) ?? []) : [];
    const others = named.length === 1 ? (namesakes.get(p.name) ?? []).filter((q) => twoPeople(p, q, numbering)) : [];
    if (others.length > 0) {
      // Two numbers under one name are two people: taken by the name, one roster row would get both's punches.
      if (!foldedNames.has(p.name)) problems.push(namesakesFolded(p, namesakes.get(p.name)!, named[0]!, numbering));
      foldedNames.add(p.name);
    } else if (named.length === 1) byKey.set(p.key, named[0]!);
    else if (named.length > 1) problems.push(problem('export_person_ambiguous', p.at, { value: p.written || p.name, ids: named.map((r) => r.id).join('、') }));
    else problems.push(problem('export_person_unknown', p.at, { value: describePerson(p), count: p.punches }));
  }
  return { byKey, built: null, entries: roster, clockAsId: usedClockAsId, problems };
}

/**
 * Which system numbered a person: the profile of the sheet they first appear in. Two files of one
 * profile (two departments' 原始记录) number people alike, so 0001 and 0009 there are two people;
 * a WeCom 账号 (u101) and a clock's 101 are one person written by two systems, never compared.
 */
function numberingOf(data: ImportData): (p: ExportPerson) => string {
  const profileBySheet = new Map(data.recognised.map((r) => [sheetOf(r), r.profile.id]));
  return (p) => profileBySheet.get(sheetOf(p.at)) ?? p.at.file;
}

/** A sheet of a file, as a key. */
const sheetOf = (at: { file: string; sheet?: string }) => `${at.file}\u0000${at.sheet ?? ''}`;

/** Numbers that can be compared: those of one file, or of files of one profile. */
function sameNumbering(a: ExportPerson, b: ExportPerson, numbering: (p: ExportPerson) => string): boolean {
  return a.at.file === b.at.file || numbering(a) === numbering(b);
}

/** Two export people their exports tell apart: numbered alike, and their numbers differ (numbersDiffer). */
function twoPeople(a: ExportPerson, b: ExportPerson, numbering: (p: ExportPerson) => string): boolean {
  return sameNumbering(a, b, numbering) && numbersDiffer(a, b);
}

/** Both carry a 工号, or both a clock number, and these differ. */
function numbersDiffer(a: ExportPerson, b: ExportPerson): boolean {
  const differ = (x: string, y: string) => x !== '' && y !== '' && idKey(x) !== idKey(y);
  return differ(a.id, b.id) || differ(a.clockId, b.clockId);
}

/** At the person taken by name: every numbered person of that name numbered alike, with unit and first row, and the roster row. */
function namesakesFolded(p: ExportPerson, sameName: readonly ExportPerson[], entry: RosterEntry, numbering: (p: ExportPerson) => string): Problem {
  const places: NamesakePlace[] = sameName
    .filter((q) => (q.id || q.clockId) && sameNumbering(p, q, numbering))
    .map((q) => ({ number: q.id || q.clockId, unit: q.unit, file: q.at.file, sheet: q.at.sheet ?? '', row: q.at.row ?? 0 }));
  return problem('export_namesakes_folded', p.at, { value: p.written || p.name, places: JSON.stringify(places), id: entry.id });
}

/**
 * Roster rows by a number column: the rows whose number is written exactly so win; else those
 * equal to it once leading zeros and case are set aside ("12" finds "0012"), which may be several
 * (0101 and 101 are two people when the roster has both).
 */
function numberIndex(roster: readonly RosterEntry[], numberOf: (r: RosterEntry) => string) {
  const exact = group(roster, numberOf);
  const folded = group(roster, (r) => (numberOf(r) ? idKey(numberOf(r)) : ''));
  return { folded, find: (number: string): RosterEntry[] => exact.get(number) ?? folded.get(idKey(number)) ?? [] };
}

/** The roster an export makes: its ids (工号, else the clock number), names and departments. */
function buildRoster(data: ImportData): Resolved {
  const problems: Problem[] = [];
  const byKey = new Map<string, RosterEntry>();
  const built: RosterEntry[] = [];
  const people = sorted(data.people);
  // A name-only row (an approval list) joins the numbered person of that name, if there is one.
  const numberedByName = group(
    people.filter((p) => !p.key.startsWith('name:')),
    (p) => p.name,
  );
  const seenThrough = summaryRowsOfPunchedPeople(data, people, numberingOf(data));
  for (const p of people) {
    if (seenThrough.has(p.key)) continue;
    if (p.key.startsWith('name:')) {
      const same = numberedByName.get(p.name) ?? [];
      if (same.length === 1) continue;
      if (same.length > 1 || p.units.size > 1) {
        problems.push(problem('export_person_ambiguous', p.at, { value: p.written || p.name, ids: same.map((s) => s.id || s.clockId).join('、') || [...p.units].join('、') }));
        continue;
      }
    }
    if (!p.name) {
      problems.push(problem('export_roster_needed', p.at, { value: p.id || p.clockId, count: p.punches }));
      continue;
    }
    if (!p.unit) {
      problems.push(problem('export_unit_missing', p.at, { value: p.written || p.name }));
      continue;
    }
    const entry: RosterEntry = { id: p.id || p.clockId || p.name, name: p.name, shownName: p.name, unit: p.unit, clockId: p.id && p.clockId && p.clockId !== p.id ? p.clockId : '', category: '', start: null, end: null };
    built.push(entry);
    byKey.set(p.key, entry);
  }
  const joined: { at: ExportPerson['at']; text: string }[] = [];
  for (const [key, punched] of seenThrough) {
    const entry = byKey.get(punched.key);
    if (!entry) continue;
    byKey.set(key, entry);
    const row = data.people.get(key)!;
    joined.push({ at: row.at, text: `${entry.name}（${row.id || row.clockId} = ${punched.id || punched.clockId}）` });
  }
  // A join by name and department is a judgement: said, so a namesake taken for another is seen.
  if (joined.length > 0) problems.push(problem('export_people_joined', joined[0]!.at, { count: joined.length, people: joined.map((j) => j.text).join('、') }, 'warning'));
  for (const p of people) {
    if (!p.key.startsWith('name:') || byKey.has(p.key)) continue;
    const same = numberedByName.get(p.name) ?? [];
    const entry = same.length === 1 ? byKey.get(same[0]!.key) : undefined;
    if (entry) byKey.set(p.key, entry);
  }
  return { byKey, built, entries: built, clockAsId: false, problems };
}

/**
 * Numbered people without a punch (a 考勤汇总表's or approval list's row) who are the one person of
 * their name and department with punches numbered by another system: the summary writes its 工号
 * (0001), the 刷卡记录 the clock's (101). Built apart, the summary's row would be a second person
 * absent every working day. A sheet that speaks of someone who punches under the very same number
 * (a count, a leave, a shift) numbers as the punches do: its unpunched namesake is another person. Keyed by the row's
 * person, the punched person it is.
 */
function summaryRowsOfPunchedPeople(data: ImportData, people: readonly ExportPerson[], numbering: (p: ExportPerson) => string): Map<string, ExportPerson> {
  const punched = new Set(people.filter((p) => p.punches > 0).map((p) => p.key));
  const numberedAsPunches = new Set([...data.verdicts, ...data.leaves, ...data.corrections, ...data.shifts].filter((x) => punched.has(x.person)).map((x) => sheetOf(x.where)));
  const punchedByName = group(
    people.filter((p) => p.punches > 0 && !p.key.startsWith('name:')),
    (p) => p.name,
  );
  const claims = new Map<string, { row: ExportPerson; punched: ExportPerson }[]>();
  // Rows set aside for the period claim too: 张伟 0001 of a summary with nothing in it leaves 张伟 0009 no likelier to be the punched 张伟.
  for (const p of [...people, ...(data.setAside ?? [])]) {
    if (p.punches > 0 || p.key.startsWith('name:') || !p.name || !p.unit || numberedAsPunches.has(sheetOf(p.at))) continue;
    // Of its department, numbered by another system, and not told apart by a number of one kind (工号 0009 is not 工号 0001).
    const same = (punchedByName.get(p.name) ?? []).filter((q) => q.unit === p.unit && numbering(q) !== numbering(p) && !numbersDiffer(p, q));
    if (same.length === 1) claims.set(same[0]!.key, [...(claims.get(same[0]!.key) ?? []), { row: p, punched: same[0]! }]);
  }
  // A punched person two unpunched rows could be is neither's: which one is a guess.
  const joined = new Map<string, ExportPerson>();
  for (const rows of claims.values()) if (rows.length === 1 && data.people.has(rows[0]!.row.key)) joined.set(rows[0]!.row.key, rows[0]!.punched);
  return joined;
}

/** People in the order they first appear, so messages and written rows follow the export. */
function sorted(people: ReadonlyMap<string, ExportPerson>): ExportPerson[] {
  return [...people.values()];
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === '') continue;
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}
