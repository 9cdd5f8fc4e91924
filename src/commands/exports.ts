import { basename, extname } from 'node:path';
import { stat } from 'node:fs/promises';
import { sameFile } from '../core/files.js';
import { addDays, coveredSpan, type WorkCalendar } from '../calendar/calendar.js';
import { dayRunsText, daySpanText } from '../messages/attendance.js';
import type { IsoDate } from '../core/dates.js';
import { leaveSheet, punchSheet, recordSheet, rosterSheet, settingKeyOf, settingsSheet, shiftSheet, workbookSheets } from '../core/input-sheets.js';
import { parseDateText } from '../core/dates.js';
import { parsePeriod, periodFromFileName, type Period } from '../core/period.js';
import { hasErrors, problem, UsageError, type Problem } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import { csvNamesSheet, type CsvFlags, type InputSheets, type ReadOptions } from '../read/input.js';
import { findHeader, HEADER_SEARCH_ROWS, isBlank, isUnreadColumn } from '../read/header.js';
import type { RawTable } from '../read/table.js';
import type { SheetSource } from '../read/sheet-source.js';
import { blankStrangers, isWorkbookName, namesSheet, rolePlayers } from '../read/workbook-input.js';
import { fileFault } from '../read/xlsx.js';
import { openExport } from '../import/open.js';
import type { Joined } from '../import/merge.js';
import { describePerson, type CoveredRange, type ExportPerson, type ImportData } from '../import/model.js';
import type { ImportNote } from '../import/notes.js';
import type { Profile, VerdictKind } from '../import/profile.js';
import type { Resolved } from '../import/people.js';
import type { ImportedTables } from '../import/tables.js';
import type { PlatformVerdict } from '../derive/compare.js';
import { clock } from '../calendar/hours.js';
import type { HoursFlags } from '../validate/hours.js';
import { settingText } from '../validate/workbook.js';

/** The flags that route an input slot to the import of exports. */
export interface ExportFlags {
  format?: string;
  profile?: string;
  from?: string;
  to?: string;
}

export interface RunInput extends InputSheets {
  /** What the import says on screen (识别为…, the covered range, dropped punches). */
  notes: ImportNote[];
  verdicts: PlatformVerdict[];
  /** Person → day (null: a count over the range) → the kinds of verdict the platform's rows could give there. */
  spoken: Map<string, Map<IsoDate | null, Set<VerdictKind>>>;
  /** A person's imported punches on a day ("08:04 11:31 …"), for the reasons of a difference. */
  readonly dayPunches: (personId: string, date: IsoDate) => string;
  /** The days the exports speak for, within the period. */
  covered: { first: IsoDate; last: IsoDate } | null;
  /** The period the run is about. */
  period: Period;
  /** Puts problems found on imported rows back on the export's cells. */
  readonly relocate: (problems: readonly Problem[]) => Problem[];
  /** The import, for kaohe import -o. */
  imported: { data: ImportData; people: Resolved; tables: ImportedTables } | null;
  /** An export could not be read, recognised or matched: its problems are all there is to say. */
  importFailed: boolean;
}

/** How a command picks its period once it knows what the exports cover. */
type PeriodChoice = (known: { covered: CoveredRange | null; file: string; workbook: InputSheets }) => Period;

/** How a command reads a month workbook, a folder or CSV files (commands/score.ts: readPeriodInput). */
type ReadTemplate = (input: string | undefined, csv: CsvFlags, read: ReadOptions) => Promise<InputSheets>;

/**
 * The inputs of a run in which any slot may be an export: the positional input (a month
 * workbook or an export), --roster (CSV or a workbook), --punches (template CSV or an export).
 * Exports are recognised, read and written into the month's sheets (人员 when the export makes
 * the roster, 考勤, 请假, 班次, 设置), so the rest of the run is the same as for a typed month.
 */
export async function readRunInput(
  input: string | undefined,
  csv: CsvFlags,
  read: ReadOptions,
  flags: ExportFlags & HoursFlags & { period?: string },
  readTemplate: ReadTemplate,
  choosePeriod: PeriodChoice,
  /** Exports given as such (kaohe import's arguments). */
  given: readonly string[] = [],
): Promise<RunInput> {
  // Nothing to read: the workbook was left out (not a period or a 人员 sheet to ask for).
  if (input === undefined && given.length === 0 && Object.keys(csv).length === 0) throw new UsageError('input_missing');
  const rest: CsvFlags = { ...csv };
  const exports: string[] = [...given];
  let template = input;
  const profile = flags.profile ? (await import('../import/profile-file.js')).loadProfileFile(flags.profile) : undefined;
  const importOptions = { ...(flags.format ? { format: flags.format } : {}), ...(profile ? { profile } : {}) };
  // --punches and --leave take an export (an approval list is leave) as well as a typed CSV;
  // a CSV headed as the template's sheet is that sheet, whatever profile its columns also fit.
  for (const slot of typedSlots) {
    const path = rest[slot];
    if (path === undefined) continue;
    if (!(await typedAs(path, slot, flags)) && (extname(path).toLowerCase() !== '.csv' || flags.format || flags.profile || (await recognises(path, importOptions)))) {
      exports.push(path);
      delete rest[slot];
    }
  }
  // The positional file by the same rule: typed as 考勤 or 请假, it is that sheet as if given by
  // its flag (working days it does not list are absences), not an export covering its own days.
  // A workbook whose typed sheet bears the sheet's name (考勤) is read as a month workbook, which
  // reads it so too and says its missing sheets (人员) as the workbook's.
  let alsoByFlag: Problem | null = null;
  // One look at the file answers both what it is typed as and, for a workbook, its sheets' names (isExport).
  const heads = input === undefined ? null : await typedHeadsOfFile(input, flags, true);
  const typed = typedSheetOf(heads);
  const monthSheet = input !== undefined && typed !== null && !typed.text && namesSheet(typed.sheet, typedSheets[typed.slot].names);
  if (input !== undefined && typed !== null && !monthSheet) {
    const byFlag = csv[typed.slot];
    if (byFlag === undefined || (await sameFile(input, byFlag))) rest[typed.slot] = input;
    else alsoByFlag = typedTwice(input, typed, byFlag);
    template = undefined;
  } else if (input !== undefined && !monthSheet && (await isExport(input, importOptions, heads ?? undefined))) {
    exports.push(input);
    template = undefined;
  }
  let rosterFile: { table: RawTable | null; problems: Problem[] } | null = null;
  if (rest.roster && extname(rest.roster).toLowerCase() !== '.csv') {
    rosterFile = await (await import('../import/roster-file.js')).readRosterFile(rest.roster);
    delete rest.roster;
  }
  const workbook: InputSheets =
    template !== undefined || Object.keys(rest).length > 0
      ? await readTemplate(template, rest, read)
      : { file: exports[0] ?? input ?? '', files: [], sheets: new Map(), punches: null, problems: [] };
  if (alsoByFlag) workbook.problems.push(alsoByFlag);
  if (rosterFile) {
    workbook.problems.push(...rosterFile.problems);
    if (rosterFile.table) {
      workbook.sheets.set('roster', rosterFile.table);
      workbook.files.push(rosterFile.table.file);
    }
  }
  const byFlags = template === undefined;
  // The period from the positional file's name (2026-11-考勤.csv), typed or a workbook, before any flag's.
  const named = typed !== null ? input : template;
  if (exports.length === 0) {
    const period = choosePeriod({ covered: null, file: named ?? workbook.file, workbook });
    return { ...workbook, ...nothingImported, period, byFlags };
  }

  // What turns exports into the month's sheets is loaded only when there are exports: a month workbook needs none of it.
  const [{ readExports }, { joinRows, relocate }, { goneUnderEveryNumber, resolvePeople, rosterEntries }, { ImportedPunches }, { importedTables }, { partlyCovered }] = await Promise.all([
    import('../import/read-exports.js'),
    import('../import/merge.js'),
    import('../import/people.js'),
    import('../import/punches.js'),
    import('../import/tables.js'),
    import('../import/covered.js'),
  ]);
  // Each command's period is --period when it is given without --from/--to (score, attendance, import):
  // punches outside it are dropped as they are read, a clock's log of years never held.
  const stated = flags.period !== undefined && fromTo(flags) === null ? parsePeriod(flags.period) : null;
  // With the day after it, whose punches may end the period's last night shift (keepPeriod keeps them too).
  const keep = stated ? { first: stated.first, last: addDays(stated.last, 1) } : null;
  const data = await readExports(exports, { ...importOptions, fromTo: fromTo(flags), keep, context: declaredDays(flags, template ?? exports[0]!), calendar: read.calendar, ...(read.year !== undefined ? { year: read.year } : {}) });
  const file = exports[0]!;
  if (data.problems.some((p) => p.severity === 'error')) {
    return failed(workbook, data, file);
  }
  // Leave, schedules, summaries or statuses alone would make every working day an absence.
  if (!workbook.punches && !data.recognised.some((r) => r.use === 'punches')) {
    const seen = data.recognised.map((r) => `“${basename(r.file)} › ${r.sheet}”（${r.profile.name}）`).join('、');
    return failed(workbook, { ...data, problems: [...data.problems, problem('export_no_punches', { file }, { seen })] }, file);
  }
  // The month's own 考勤 and an export's punches: taking one would silently drop the other.
  const exportPunches = data.recognised.find((r) => r.use === 'punches');
  if (workbook.punches && workbook.punches.firstRow.size > 0 && exportPunches) {
    const twice = problem('punches_given_twice', { file: workbook.punches.file, sheet: workbook.punches.sheet }, { sheet: workbook.punches.sheet, export: `${basename(exportPunches.file)} › ${exportPunches.sheet}` });
    return failed(workbook, { ...data, problems: [...data.problems, twice] }, file);
  }
  const period = choosePeriod({ covered: data.covered, file: named ?? file, workbook });
  const rosterTable = workbook.sheets.get('roster');
  const roster = rosterTable ? rosterEntries(rosterTable, period.year) : null;
  const within = keepPeriod(data, period, fromTo(flags), (held, gone) => goneUnderEveryNumber(data, roster, held, gone));
  const unknownYear = coveredYearUnknown(within.covered, read.calendar());
  if (unknownYear) return failed(workbook, { ...within, problems: [...within.problems, unknownYear] }, file);
  const people = resolvePeople(within, roster);
  const tables = importedTables(within, people, file);
  const workdays = within.covered ? knownWorkdays(within.covered.first, within.covered.last, read.calendar()) : [];
  const partial = partlyCovered(within, workdays, people.byKey);
  // The people and their coverage: an error in either means the import cannot stand.
  const peopleProblems = [...people.problems, ...(partial ? [partial] : [])];
  const problems = [...workbook.problems, ...within.problems, ...peopleProblems, ...tables.samePunches.problems, ...daysWithoutPunches(within, read.calendar(), file)];
  workbook.files.push(...exports);

  const joined: Joined[] = [];
  const sheets = new Map(workbook.sheets);
  if (tables.roster && !rosterTable) {
    const j = joinRows(undefined, tables.roster, rosterSheet.columns, tables.origins.get(rosterSheet.names[0]) ?? noOrigin);
    sheets.set('roster', j.table);
    joined.push(j);
  }
  let emptyRecords: RawTable | null = null;
  if (!sheets.has('records')) {
    emptyRecords = { file, sheet: recordSheet.names[0], rows: [{ row: 1, cells: recordSheet.columns.map((c) => c.headers[0]) }] };
    sheets.set('records', emptyRecords);
  }
  for (const [role, table, columns] of [
    ['leave', tables.leave, leaveSheet.columns],
    ['shifts', tables.shifts, shiftSheet.columns],
  ] as const) {
    if (table.rows.length <= 1) continue;
    const j = joinRows(sheets.get(role), table, columns, tables.origins.get(table.sheet) ?? noOrigin);
    sheets.set(role, j.table);
    joined.push(j);
  }
  problems.push(...rangeBeyondExport(sheets.get('settings'), within.covered, read.calendar()));
  sheets.set('settings', withSettings(sheets.get('settings'), tables.settings, file));
  const punchSource = within.recognised.find((r) => r.use === 'punches');
  const twoPunches = punchSource?.twoPunchesADay ? { twoPunchesADay: { file: punchSource.file, sheet: punchSource.sheet } } : {};
  // Exports without punches (an approval list, a schedule) add to the month's own 考勤, which stays.
  // What is said of the punches as a whole (days without data, someone never punched, an absence
  // without a punch) is said at their sheet, or at their file when several sheets hold them: not at the first sheet alone.
  const severalSheets = within.recognised.filter((r) => r.use === 'punches').length > 1;
  const punchPlace = punchSource ? { file: punchSource.file, sheet: severalSheets ? '' : punchSource.sheet } : { file, sheet: '考勤' };
  const punches = punchSource || !workbook.punches ? new ImportedPunches(tables.punches, read.calendar(), punchPlace) : workbook.punches;

  const covered = within.covered ? { first: within.covered.first, last: within.covered.last } : null;
  const verdicts = within.verdicts.flatMap((v) => {
    const r = people.byKey.get(v.person);
    return r ? [{ personId: r.id, date: v.date, kind: v.kind, count: v.count, text: v.text, where: v.where }] : [];
  });
  const spoken = new Map<string, Map<IsoDate | null, Set<VerdictKind>>>();
  for (const [key, days] of within.spoken) {
    const r = people.byKey.get(key);
    if (!r) continue;
    const mine = spoken.get(r.id) ?? new Map<IsoDate | null, Set<VerdictKind>>();
    spoken.set(r.id, mine);
    for (const [date, kinds] of days) {
      if (date !== null && (date < period.first || date > period.last)) continue;
      mine.set(date, new Set([...(mine.get(date) ?? []), ...kinds]));
    }
  }
  let punchesByDay: Map<string, string[]> | null = null;
  const dayPunches = (personId: string, date: IsoDate) => {
    if (!punchesByDay) {
      punchesByDay = new Map();
      // The punches as the 考勤 sheet holds them (by person, day and time; one clocking two exports hold, once).
      for (const { person, punch } of tables.punches) {
        const key = `${person.id}\u0000${punch.date}`;
        punchesByDay.set(key, [...(punchesByDay.get(key) ?? []), clock(punch.at)]);
      }
    }
    return (punchesByDay.get(`${personId}\u0000${date}`) ?? []).join(' ');
  };
  const isEmptyRecords = (p: Problem) => emptyRecords !== null && p.code === 'sheet_empty' && p.at.file === emptyRecords.file && p.at.sheet === emptyRecords.sheet;
  return {
    file: template ?? file,
    byFlags,
    files: workbook.files,
    sheets,
    punches,
    problems,
    ...twoPunches,
    notes: [...notesOf(within, people, period), ...tables.samePunches.notes],
    verdicts,
    spoken,
    dayPunches,
    covered,
    period,
    relocate: (found) => oneOutsideWarning(relocate(found, joined).filter((p) => !isEmptyRecords(p))),
    imported: { data: within, people, tables },
    importFailed: hasErrors(peopleProblems),
  };
}

/**
 * An export's rows outside the period are counted twice over: those past the day after it as the
 * export is read (keepPeriod), and the day after's, kept in case they end the period's last night
 * shift, once placed (resolvePunches). Both are the export's rows outside the period: said in one
 * warning, its count the sum, the day after's share named.
 */
function oneOutsideWarning(problems: Problem[]): Problem[] {
  const rows = problems.find((p) => p.code === 'export_rows_outside_period');
  const placed = rows && problems.find((p) => p.code === 'punches_outside_period' && p.at.file === rows.at.file);
  if (!rows || !placed) return problems;
  const merged = { ...rows, args: { ...rows.args, count: Number(rows.args.count) + Number(placed.args.count), dayAfter: Number(placed.args.count) } };
  return problems.flatMap((p) => (p === placed ? [] : p === rows ? [merged] : [p]));
}

const noOrigin = () => undefined;

function failed(workbook: InputSheets, data: ImportData, file: string): RunInput {
  const period: Period = { kind: 'range', label: '', year: 0, first: '' as IsoDate, last: '' as IsoDate };
  return { ...workbook, ...nothingImported, file, problems: [...workbook.problems, ...data.problems], period, importFailed: true };
}

const nothingImported = { notes: [], verdicts: [], spoken: new Map(), dayPunches: () => '', covered: null, relocate: (p: readonly Problem[]) => [...p], imported: null, importFailed: false };

/**
 * An input is an export unless it is a month workbook (a 人员 or 记录 sheet, which no export
 * has) or a folder of CSV; a workbook with neither is an export if a profile recognises it, and
 * otherwise a month workbook whose reader says what is missing. `known`: the workbook's sheet
 * names, and of a web page whether a profile knows it, where they were found already
 * (typedHeads): a legacy .xls or a web page is parsed whole to list them.
 */
async function isExport(path: string, options: { format?: string; profile?: Profile }, known?: Pick<TypedHeads, 'sheetNames' | 'webPageExport'>): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  // A folder of CSV, or a pipe or device the month reader refuses before opening it.
  if (!info?.isFile()) return false;
  if (options.format || options.profile) return true;
  if (extname(path).toLowerCase() === '.csv') return recognises(path, options);
  let sheetNames = known?.sheetNames;
  let webPageExport = known?.webPageExport ?? null;
  if (sheetNames === undefined) {
    const source = await openExport(path);
    // Not a readable file: the month reader says why.
    if ('code' in source) return false;
    const ext = extname(path).toLowerCase();
    if (source.format !== 'xlsx' && source.format !== 'xls' && source.format !== 'html') {
      source.close();
      // A ".xlsx" that is not a workbook (a renamed CSV, an empty file): the month reader says so;
      // so it does of a CSV named .xls that no profile knows (a 记录 renamed).
      if (ext === '.xlsx' || ext === '.xlsm') return false;
      return source.format !== 'csv' || !isWorkbookName(path) || recognises(path, options);
    }
    webPageExport = await webPageRecognised(source, options);
    sheetNames = (await source.sheets()).map((s) => s.name);
    source.close();
  }
  if (isMonthWorkbook(sheetNames)) return false;
  // A web page or Excel 2003 XML under a workbook's name (DingTalk's, WeCom's): an export when a
  // profile knows it; otherwise the month reader says what it is and how to make it a workbook.
  if (webPageExport !== null) return webPageExport;
  // No sheet a month workbook has: an export (its recognition says what was seen if it is not one).
  if (![...workbookSheets.values()].some((names) => sheetNames.some((n) => namesSheet(n, names)))) return true;
  return recognises(path, options);
}

/** A month workbook (.xlsx, or .xls as older Excel and WPS save it) has 人员 or 记录, which no export has. */
function isMonthWorkbook(sheetNames: readonly string[]): boolean {
  return sheetNames.some((n) => namesSheet(n, [...rosterSheet.names, ...recordSheet.names]));
}

/**
 * Whether a profile recognises a file. The profiles (YAML) and the exports' reader are loaded only
 * when a file may be an export: a month workbook is told by its sheets without them.
 */
async function recognises(path: string, options: { format?: string; profile?: Profile }): Promise<boolean> {
  return (await import('../import/read-exports.js')).recognisesAny(path, options);
}

/** Of a web page opened already, whether a profile recognises it; null for any other source. */
async function webPageRecognised(source: SheetSource, options: { format?: string; profile?: Profile }): Promise<boolean | null> {
  return source.format === 'html' ? (await import('../import/read-exports.js')).recognisesSheetOf(source, options) : null;
}

/** The template sheets a file may stand for where an export may also be given. */
export const typedSheets = { punches: punchSheet, leave: leaveSheet } as const;
type TypedSlot = keyof typeof typedSheets;
const typedSlots = Object.keys(typedSheets) as TypedSlot[];

/**
 * How a sheet's header row names the columns of a slot's template sheet, with none missing,
 * repeated or ambiguous: only them ('template'), or them and columns the sheet does not have
 * ('template and more'); else null.
 */
type Heading = 'template' | 'template and more' | null;

/**
 * What a file holds for being told a template sheet: whether it is a month workbook (a 人员 or
 * 记录 sheet), and for each slot the sheet that would play it — a CSV's one table; in a
 * workbook, the sheet of the slot's names, else its only sheet (read/workbook-input.ts rolePlayers,
 * the rule the reader then follows) — its first rows and whether it or the file is named as the slot's sheet.
 */
interface TypedHeads {
  /** A workbook's sheets' names (none for a CSV). */
  sheetNames?: readonly string[];
  /** Of a web page or Excel 2003 XML under a workbook's name (read as format 'html'), whether a profile recognises it (an export), where asked (typedHeads); else null. */
  webPageExport: boolean | null;
  monthWorkbook: boolean;
  /** CSV text (考勤.csv, 考勤.txt), read as its one table; else a workbook. */
  text: boolean;
  /** A sheet named 记录: a month workbook even without 考勤 or 请假 (a roster file alone has none). */
  records: boolean;
  slots: Map<TypedSlot, { head: RawTable; named: boolean }>;
}

/**
 * Whether a file is typed as the template's sheet of a slot, by whichever path it comes (--punches,
 * --leave, the positional input, kaohe import's arguments): then it is that sheet, whatever
 * profile its columns also fit, unless --format or --profile says it is an export. One rule for
 * CSV, .xlsx and .xls: the same table must not be scored two ways by how it was saved. A month
 * workbook given by a flag is read for its sheet of the slot (its other sheets said unread).
 */
async function typedAs(path: string, slot: TypedSlot, flags: { format?: string; profile?: string }): Promise<boolean> {
  const heads = await typedHeads(path, flags, false);
  if (heads === null) return false;
  if (heads.monthWorkbook) return heads.slots.has(slot);
  return typedBy(heads, slot);
}

/**
 * A header naming only the sheet's columns types any file; one with extra columns types a file or
 * sheet named as the sheet (考勤.csv, 打卡记录.xlsx, a sheet 考勤), as a folder or workbook reads it,
 * the extras ignored. Named otherwise it keeps going to the profiles: an export saved under its own
 * name (钉钉's 姓名,工号,日期,打卡时间,打卡结果…) is read by the profile that knows its columns.
 */
function typedBy(heads: TypedHeads, slot: TypedSlot): boolean {
  const found = heads.slots.get(slot);
  const heading = headingOf(found?.head ?? null, slot);
  return heading === 'template' || (heading === 'template and more' && found?.named === true);
}

/**
 * What a file is typed as, from one look at its first rows, unless --format or --profile says it
 * is an export: a month workbook (a 人员 or 记录 sheet, and a 考勤 or 请假 sheet — 'punches', which
 * --punches/--leave can take from it — or a 记录 sheet — 'records'; a roster file alone is
 * neither), or the template sheet (考勤 or 请假) of a slot and its sheet's name, or null.
 */
export async function typedFileOf(path: string, flags: { format?: string; profile?: string }): Promise<TypedFile | null> {
  return typedOf(await typedHeadsOfFile(path, flags, false));
}

type TypedFile = { month: 'punches' | 'records' } | { slot: TypedSlot; sheet: string; text: boolean };

/** A file's heads (typedHeads); none for a pipe or device, which is not opened here: the reader it goes to refuses it. */
async function typedHeadsOfFile(path: string, flags: { format?: string; profile?: string }, askProfiles: boolean): Promise<TypedHeads | null> {
  if (!(await stat(path).catch(() => null))?.isFile()) return null;
  return typedHeads(path, flags, askProfiles);
}

/** What a file is typed as by its heads (typedFileOf). */
function typedOf(heads: TypedHeads | null): TypedFile | null {
  if (heads === null) return null;
  if (heads.monthWorkbook) return heads.slots.size > 0 ? { month: 'punches' } : heads.records ? { month: 'records' } : null;
  // A header naming only one sheet's columns decides before the name: 请假's columns saved as 考勤.csv stay 请假.
  const slot = typedSlots.find((s) => headingOf(heads.slots.get(s)?.head ?? null, s) === 'template') ?? typedSlots.find((s) => typedBy(heads, s));
  return slot === undefined ? null : { slot, sheet: heads.slots.get(slot)!.head.sheet, text: heads.text };
}

/** The template sheet (考勤 or 请假) a file given as the input or an export is typed as by its heads (typedFileOf); a month workbook is none. */
function typedSheetOf(heads: TypedHeads | null): { slot: TypedSlot; sheet: string; text: boolean } | null {
  const typed = typedOf(heads);
  return typed !== null && 'slot' in typed ? typed : null;
}

/** The positional file typed as a sheet that its flag gives as well: two lists are not merged by guess, nor one dropped. */
function typedTwice(input: string, typed: { slot: TypedSlot; sheet: string }, byFlag: string): Problem {
  return problem('sheet_given_twice', { file: input, sheet: typed.sheet }, { sheet: typedSheets[typed.slot].names[0], flag: typed.slot, csv: basename(byFlag) });
}

/**
 * A file's first rows, opened once for every slot; null when --format or --profile says it is an
 * export, and for a file that is neither a readable CSV (named .csv, or CSV text under another
 * name that is no workbook's: 考勤.txt, as the reader of a flag's file takes it) nor a workbook
 * (named otherwise): the reader it goes to says why. An attlog's text is no CSV (openExport).
 * `askProfiles`: of a web page, whether a profile knows it (isExport's question, where the file
 * may be the run's input; the profiles are not loaded for a file only typed).
 */
async function typedHeads(path: string, flags: { format?: string; profile?: string }, askProfiles: boolean): Promise<TypedHeads | null> {
  if (flags.format || flags.profile) return null;
  const source = await openExport(path);
  if ('code' in source) return null;
  try {
    const csv = source.format === 'csv' && !isWorkbookName(path);
    // A web page or Excel 2003 XML is typed as a workbook is (the month reader then says what it is).
    const workbook = (source.format === 'xlsx' || source.format === 'xls' || source.format === 'html') && extname(path).toLowerCase() !== '.csv';
    if (!csv && !workbook) return null;
    const sheets = await source.sheets();
    const monthWorkbook = !csv && isMonthWorkbook(sheets.map((s) => s.name));
    const records = monthWorkbook && sheets.some((s) => namesSheet(s.name, recordSheet.names));
    const slots: TypedHeads['slots'] = new Map();
    const blank = csv ? undefined : await blankStrangers(sheets, (s) => s.hidden, (s) => source.head(s.name, 1));
    for (const slot of typedSlots) {
      const { names } = typedSheets[slot];
      const sheet = csv ? sheets[0] : onlyPlayer(rolePlayers(sheets, (s) => s.hidden, names, true, blank).players);
      if (!sheet) continue;
      // A month workbook is told by its sheets' names: its heads are not needed (nor read, a big month's 考勤 least).
      const rows = monthWorkbook ? [] : await source.head(sheet.name, HEADER_SEARCH_ROWS);
      // A CSV is named by its file (its table's sheet, as the reader names it, is the file's stem); a workbook's sheet by its own name or its file's.
      const named = csv ? csvNamesSheet(basename(path), names) : namesSheet(sheet.name, names) || namesSheet(basename(path, extname(path)), names);
      slots.set(slot, { head: { file: path, sheet: csv ? basename(path, extname(path)) : sheet.name, rows }, named });
    }
    // A web page is parsed whole: its names, and whether a profile knows it, are handed on for isExport, which need not parse it again.
    return { ...(csv ? {} : { sheetNames: sheets.map((s) => s.name) }), webPageExport: askProfiles ? await webPageRecognised(source, {}) : null, monthWorkbook, text: csv, records, slots };
  } catch (error) {
    // A file found damaged while its heads are read: untyped, the reader it goes to says so.
    if (fileFault(path, error)) return null;
    throw error;
  } finally {
    source.close();
  }
}

/** A slot's sheet in a workbook: none when two could play it (the reader says so, by sheet_role_twice). */
const onlyPlayer = <S>(players: readonly S[]): S | undefined => (players.length === 1 ? players[0] : undefined);

/** A header of notes, as the sheets that keep one name it (记录's 说明/备注). */
const NOTE_HEADERS = new Set(recordSheet.columns.filter((c) => c.key === 'note').flatMap((c) => c.headers.map(foldKey)));
const isNoteHeader = (header: string | undefined) => header !== undefined && NOTE_HEADERS.has(foldKey(header));

/** A sheet's heading for a slot's sheet, in its row 1 (of its first rows, `head`; null: none). */
function headingOf(head: RawTable | null, slot: TypedSlot): Heading {
  if (head === null) return null;
  const { head: found, problems } = findHeader(head, typedSheets[slot].columns);
  // A title block above the header (统计日期：…) is an export's: its range must be kept.
  if (found === undefined || found.headerIndex !== 0) return null;
  // Values under no header are read neither as a template's nor as an export's, and a note column
  // (备注, 说明) is the clerk's own, never an export's verdict: they leave a template one.
  const columns = problems.filter((p) => p.code !== 'column_no_header' && !(p.code === 'column_unknown' && isNoteHeader(p.at.column)));
  if (columns.length === 0) return 'template';
  return columns.every(isUnreadColumn) ? 'template and more' : null;
}

/** The days the command line or a file name names (--period 2026-11, 2026-11.xlsx), for exports that do not say. */
function declaredDays(flags: { period?: string }, file: string): { first: IsoDate; last: IsoDate } | null {
  const period = (flags.period !== undefined ? parsePeriod(flags.period) : null) ?? periodFromFileName(basename(file));
  return period ? { first: period.first, last: period.last } : null;
}

/** --from and --to as a span of days (both needed). */
export function fromTo(flags: ExportFlags): { first: IsoDate; last: IsoDate } | null {
  if (flags.from === undefined && flags.to === undefined) return null;
  const first = flags.from === undefined ? null : parseDateText(flags.from);
  const last = flags.to === undefined ? null : parseDateText(flags.to);
  if (!first || !last) throw new UsageError('from_to_invalid', { ...(flags.from === undefined ? {} : { from: flags.from }), ...(flags.to === undefined ? {} : { to: flags.to }) });
  if (last < first) throw new UsageError('to_before_from', { first, last });
  return { first, last };
}

/** The import within the period: rows outside are dropped and counted once; the covered range is cut to it. */
function keepPeriod(
  data: ImportData,
  period: Period,
  span: { first: IsoDate; last: IsoDate } | null,
  goneUnderEveryNumber: (held: ReadonlySet<string>, gone: readonly ExportPerson[]) => ExportPerson[],
): ImportData {
  const inside = (d: IsoDate | null) => d === null || (d >= period.first && d <= period.last);
  const corrections = data.corrections.filter((c) => inside(c.date));
  const leaves = data.leaves.filter((l) => l.last >= period.first && l.first <= period.last);
  const shifts = data.shifts.filter((s) => inside(s.date));
  const verdicts = data.verdicts.filter((v) => inside(v.date));
  // Someone the export holds nothing of in the period (a leaver's October punches in a log read for
  // November, a newcomer's first day after it) is not one of its people: not refused as unknown,
  // nor built into a roster as absent every day. Said once, so that one still in post is given with --roster.
  const held = new Set([...corrections, ...leaves, ...shifts, ...verdicts].map((x) => x.person));
  for (const p of data.punches) if (inside(p.date)) held.add(p.person);
  // The day after the period may hold the end of its last night's shift: its punches go on to be
  // placed as a 考勤 sheet's are (resolvePunches), counted outside there when they end none.
  const dayAfter = addDays(period.last, 1);
  const punches = data.punches.filter((p) => inside(p.date) || (p.date === dayAfter && held.has(p.person)));
  const outside = data.counts.outside + (data.punches.length - punches.length) + (data.corrections.length - corrections.length) + (data.leaves.length - leaves.length);
  const problems = [...data.problems];
  const bounds = span ?? period;
  if (outside > 0) problems.push(problem('export_rows_outside_period', { file: data.recognised[0]?.file ?? '' }, { count: outside, first: bounds.first, last: bounds.last }, 'warning'));
  // --from/--to narrow what the export speaks for, as a shorter export would.
  const first = [data.covered?.first ?? period.first, period.first, span?.first ?? period.first].sort().at(-1)!;
  const last = [data.covered?.last ?? period.last, period.last, span?.last ?? period.last].sort()[0]!;
  // An export that covers none of the period cannot speak for it: scored, every working day would be an absence.
  if (data.covered && first > last) {
    problems.push(problem('export_outside_period', { file: data.recognised[0]?.file ?? '' }, { coveredFirst: data.covered.first, coveredLast: data.covered.last, first: bounds.first, last: bounds.last }));
  }
  const covered = data.covered && first <= last ? { ...data.covered, first, last } : null;
  // Punch counts per person follow what is kept.
  const counts = new Map<string, number>();
  for (const p of punches) counts.set(p.person, (counts.get(p.person) ?? 0) + 1);
  const notHeld = [...data.people.values()].filter((p) => !held.has(p.key));
  // Said only of those held under no other number (one person on an approval list and in a log).
  const gone = notHeld.length > 0 ? goneUnderEveryNumber(held, notHeld) : [];
  if (gone.length > 0) problems.push(problem('export_people_outside_period', { file: data.recognised[0]?.file ?? '' }, { count: gone.length, names: gone.slice(0, 10).map(describePerson).join('、'), first: bounds.first, last: bounds.last }, 'warning'));
  const people = new Map([...data.people].filter(([k]) => held.has(k)).map(([k, p]) => [k, { ...p, punches: counts.get(k) ?? 0 }]));
  return { ...data, people, punches, corrections, leaves, shifts, verdicts, covered, problems, counts: { ...data.counts, outside }, setAside: notHeld };
}

/**
 * The month's 设置 stating 考勤起始日期/考勤截止日期 beyond the days the export's title says it
 * covers, over a working day: that day has no punches because the export does not hold it, and
 * would be scored 旷工. An error at the setting, naming both ranges. A narrower range is the
 * clerk's choice; a month's first day falling on a Sunday before the export's Monday is harmless.
 */
function rangeBeyondExport(settings: RawTable | undefined, covered: CoveredRange | null, calendar: WorkCalendar): Problem[] {
  if (!settings || !covered || covered.from !== 'title') return [];
  const workdayIn = (first: IsoDate, last: IsoDate) => knownWorkdays(first, last, calendar).length > 0;
  return settings.rows.flatMap((row) => {
    const key = typeof row.cells[0] === 'string' ? settingKeyOf(row.cells[0]) : undefined;
    const date = parseDateText(settingText(row.cells[1]));
    const beyond = date !== null && ((key === '考勤起始日期' && date < covered.first && workdayIn(date, addDays(covered.first, -1))) || (key === '考勤截止日期' && date > covered.last && workdayIn(addDays(covered.last, 1), date)));
    return beyond ? [problem('settings_range_beyond_export', { file: settings.file, sheet: settings.sheet, row: row.row }, { key, value: date, first: covered.first, last: covered.last, export: basename(covered.where.file) })] : [];
  });
}

/** Adds the import's 设置 keys (the covered range) unless the month's own 设置 states them. */
function withSettings(existing: RawTable | undefined, settings: readonly [string, string][], file: string): RawTable {
  const base: RawTable = existing ?? { file, sheet: settingsSheet.names[0], rows: [{ row: 1, cells: settingsSheet.columns.map((c) => c.headers[0]) }] };
  const keyOf = (cells: RawTable['rows'][number]['cells']) => foldKey(String(cells[0] ?? ''));
  // A key the sheet lists with no value (a template's 考勤起始日期 row left empty) is not stated:
  // the export's value fills that row, where it was taken as set and the days outside the
  // export's range became absences.
  const stated = new Set(base.rows.filter((r) => !isBlank(r.cells[1])).map((r) => keyOf(r.cells)));
  const given = new Map(settings.filter(([key]) => !stated.has(foldKey(key))).map(([key, value]) => [foldKey(key), value]));
  const filled = base.rows.map((r) => {
    const value = isBlank(r.cells[1]) ? given.get(keyOf(r.cells)) : undefined;
    if (value === undefined) return r;
    given.delete(keyOf(r.cells));
    return { ...r, cells: [r.cells[0] ?? null, value, ...r.cells.slice(2)] };
  });
  let next = Math.max(0, ...base.rows.map((r) => r.row)) + 1;
  const added = settings.filter(([key]) => given.has(foldKey(key))).map(([key, value]) => ({ row: next++, cells: [key, value] }));
  return { ...base, rows: [...filled, ...added] };
}

function notesOf(data: ImportData, people: Resolved, period: Period): ImportNote[] {
  const notes: ImportNote[] = data.recognised.map((r) => ({ code: 'recognised', args: { file: basename(r.file), sheet: r.sheet, name: r.profile.name, id: r.profile.id, row: r.headerRow, use: r.use, ...(r.punchesFrom ? { punchesFrom: r.punchesFrom } : {}) } }));
  if (data.covered) {
    const args = { first: data.covered.first, last: data.covered.last };
    notes.push({ code: data.covered.from === 'title' ? 'range_title' : 'range_punches', args });
    const gaps: string[] = [];
    if (data.covered.first > period.first) gaps.push(daySpanText(period.first, addDays(data.covered.first, -1)));
    if (data.covered.last < period.last) gaps.push(daySpanText(addDays(data.covered.last, 1), period.last));
    if (gaps.length > 0) notes.push({ code: 'no_data_days', args: { days: gaps.join('、') } });
  }
  if (data.counts.invalid > 0) notes.push({ code: 'invalid_dropped', args: { count: data.counts.invalid } });
  if (data.counts.corrections > 0) notes.push({ code: 'corrections', args: { count: data.counts.corrections } });
  if (data.counts.shiftsWithoutTimes > 0) notes.push({ code: 'shifts_without_times', args: { count: data.counts.shiftsWithoutTimes } });
  if (data.counts.repeatedRows > 0) notes.push({ code: 'repeated_rows', args: { count: data.counts.repeatedRows } });
  for (const twice of data.givenTwice) notes.push({ code: 'file_given_twice', args: twice });
  if (people.clockAsId) notes.push({ code: 'clock_as_id', args: {} });
  if (people.built) notes.push({ code: 'people_built', args: { count: people.built.length } });
  return notes;
}

/**
 * Days the export covers in a year the calendar has no data for: none of them can be told a
 * working day, so the run stops before any is judged, at the title's range (else at the punch
 * sheet, whose first and last days make the range) with the --calendar hint.
 */
function coveredYearUnknown(covered: CoveredRange | null, calendar: WorkCalendar): Problem | null {
  if (!covered) return null;
  const day = [covered.first, covered.last].find((d) => !calendar.covers(d));
  return day ? problem('calendar_year_unknown', covered.where, { value: day, covered: coveredSpan(calendar.coveredYears) }) : null;
}

/**
 * Working days the export covers on which nobody punched at all: more likely days it does not
 * really hold (exported mid-month under a whole month's title) than a whole centre absent. Said,
 * with the way to narrow the range; one person's export says nothing by it and is left alone.
 */
function daysWithoutPunches(within: ImportData, calendar: WorkCalendar, file: string): Problem[] {
  if (!within.covered || new Set(within.punches.map((p) => p.person)).size < 2) return [];
  const punched = new Set(within.punches.map((p) => p.date));
  const silent = knownWorkdays(within.covered.first, within.covered.last, calendar).filter((day) => !punched.has(day));
  if (silent.length === 0) return [];
  return [problem('export_days_without_punches', { file }, { count: silent.length, days: dayRunsText(silent) }, 'warning')];
}

/** The working days from first to last in years the calendar knows (a year it lacks is said by calendar_year_unknown). */
function knownWorkdays(first: IsoDate, last: IsoDate, calendar: WorkCalendar): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) if (calendar.covers(day) && calendar.isWorkday(day)) days.push(day);
  return days;
}

