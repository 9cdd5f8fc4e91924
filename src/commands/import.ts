import { basename } from 'node:path';
import { parsePeriod, rangePeriod, type Period } from '../core/period.js';
import { hasErrors, InputError, problem, UsageError, type Problem } from '../core/problems.js';
import type { ImportNote } from '../import/notes.js';
import { rosterSheet } from '../core/input-sheets.js';
import { importWorkbook } from '../write/import-workbook.js';
import { punchTable } from '../import/tables.js';
import { calendarOf } from './context.js';
import { fromTo, readRunInput, typedFileOf, typedSheets, type ExportFlags, type RunInput } from './exports.js';
import { givenInputs, planOutput, writePlanned } from './outputs.js';
import { attendanceOf, readPeriodInput } from './score.js';
import { rosterDateProblems, validateRosterOnly } from '../validate/workbook.js';
import type { CalendarSource } from '../calendar/calendar.js';

export interface ImportFlags extends ExportFlags {
  output: string;
  force?: boolean;
  roster?: string;
  period?: string;
  calendar?: string;
}

interface ImportRun {
  notes: ImportNote[];
  warnings: Problem[];
  /** people: the 人员 rows written; inExport: how many of them the exports name. */
  counts: { people: number; inExport: number; punches: number; leave: number; shifts: number };
}

/**
 * `kaohe import <export>… -o 考勤.xlsx`: the exports as the month workbook's sheets, for the clerk
 * to look at before scoring; `kaohe score` on the file gives what scoring the exports gives.
 * Nothing is written when an export cannot be read, recognised or matched to the roster.
 */
export async function runImport(paths: readonly string[], flags: ImportFlags): Promise<ImportRun> {
  if (paths.length === 0) throw new UsageError('import_no_exports');
  // A wrong extension, an existing file without --force, or one of the exports as -o: refused before reading.
  const plan = await planOutput('import', flags.output, flags.force ?? false, givenInputs(paths, flags));
  const calendar = calendarOf(flags.calendar);
  const declared = flags.period !== undefined ? parsePeriod(flags.period) : null;
  if (flags.period !== undefined && !declared) throw new UsageError('import_period_invalid', { value: flags.period });
  const typed = await typedSheetArguments(paths, flags);
  if (typed.length > 0) throw new InputError(typed);
  const input = await readRunInput(undefined, flags.roster ? { roster: flags.roster } : {}, { calendar, year: declared?.year }, flags, readPeriodInput, ({ covered }) => importPeriod(flags, declared, covered), paths);
  // A roster date not read would leave the person's days unbounded in the exports' ranges check: said at its cell, as score says it.
  const rosterDates = input.imported ? rosterDateProblems(input.sheets, input.period.year) : [];
  const problems = [...rosterDates, ...input.relocate(input.problems)];
  if (hasErrors(problems) || !input.imported) throw new InputError(problems);
  const checked = checkRoster(input, calendar);
  const { tables } = input.imported;
  const given = input.sheets.get('roster');
  const roster = tables.roster ?? given ?? { file: '', sheet: rosterSheet.names[0], rows: [] };
  const settings = input.covered ? ([['考勤起始日期', input.covered.first], ['考勤截止日期', input.covered.last]] as [string, string][]) : [];
  await writePlanned(plan, await importWorkbook({ roster: { ...roster, sheet: rosterSheet.names[0] }, punches: punchTable(tables.punches, flags.output), leave: tables.leave, shifts: tables.shifts, settings }), input.files);
  return {
    notes: input.notes,
    warnings: [...problems, ...checked.warnings],
    counts: { people: checked.people ?? writtenRows(roster), inExport: new Set(input.imported.people.byKey.values()).size, punches: tables.punches.length, leave: tables.leave.rows.length - 1, shifts: tables.shifts.rows.length - 1 },
  };
}

/**
 * The roster as validated: how many people it has (a title row above its header is none), and
 * those with no punch on any working day, whom scoring will count absent throughout, said now while
 * the export can still be completed. The derivation says it (as score and attendance do); its other
 * findings are for those commands, and a roster that does not validate is theirs to report.
 */
function checkRoster(input: RunInput, calendar: CalendarSource): { people: number | null; warnings: Problem[] } {
  const { roster, problems, ...settings } = validateRosterOnly(input.file, input.sheets, input.period, null);
  if (!roster || hasErrors(problems)) return { people: null, warnings: [] };
  return { people: roster.length, warnings: attendanceOf(input, roster, input.period, settings, {}, calendar).problems.filter((p) => p.code === 'attendance_never_punched') };
}

/**
 * The arguments typed as the template's 考勤 or 请假 (its header is the template's): the month's
 * sheet itself, read as such by score and attendance (working days it does not list are absences).
 * Imported as an export, it would cover only its first to last punch day and leave the others
 * "no data": refused, with the flag that gives it. A whole month workbook is refused likewise: it is scored as it is.
 */
async function typedSheetArguments(paths: readonly string[], flags: ExportFlags): Promise<Problem[]> {
  const found: Problem[] = [];
  for (const path of paths) {
    // A whole month workbook read as an export would have each of its sheets taken for a clock's grid.
    const typed = await typedFileOf(path, flags);
    if (typed === null) continue;
    if ('month' in typed) {
      found.push(problem('import_month_workbook', { file: path }, { csv: basename(path), punches: typed.month === 'punches' ? 1 : 0 }));
      continue;
    }
    found.push(problem('import_typed_sheet', { file: path, sheet: typed.sheet }, { sheet: typedSheets[typed.slot].names[0], flag: typed.slot, csv: basename(path) }));
  }
  return found;
}

/** --from/--to, else --period, else the days the exports cover. */
function importPeriod(flags: ExportFlags, declared: Period | null, covered: { first: string; last: string } | null): Period {
  const range = fromTo(flags);
  if (range) return rangePeriod(range.first, range.last);
  if (declared) return declared;
  if (covered) return rangePeriod(covered.first as Period['first'], covered.last as Period['last']);
  throw new UsageError('import_no_dates');
}

/** The rows below the header that hold something, for a roster the export made (its header is row 1). */
function writtenRows(table: { rows: readonly { cells: readonly unknown[] }[] }): number {
  return table.rows.slice(1).filter((r) => r.cells.some((c) => c !== null && c !== undefined && c !== '')).length;
}
