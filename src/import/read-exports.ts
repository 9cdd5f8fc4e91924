import { basename } from 'node:path';
import { officialCalendar, type CalendarSource } from '../calendar/calendar.js';
import { clock } from '../calendar/hours.js';
import type { IsoDate } from '../core/dates.js';
import { sameFile } from '../core/files.js';
import { hasErrors, problem, type Problem, type SeenSheet } from '../core/problems.js';
import { fileHead, textTableOf, textTableProblem } from '../read/file-magic.js';
import { fileFault } from '../read/xlsx.js';
import { foldKey } from '../core/text.js';
import type { SheetSource } from '../read/sheet-source.js';
import { columnLetter, type RawRow } from '../read/table.js';
import { SheetExtractor } from './extract.js';
import { withScheduledRoles } from './matched-roles.js';
import { cellText, findHeader, firstDataRow, HEAD_ROWS, identifies, type FoundHeader } from './header.js';
import { dayRunLength } from './days.js';
import { emptyImport, punchLocation, type CoveredRange, type ExportPunch, type ImportData, type Recognition } from './model.js';
import { openExport } from './open.js';
import { builtinProfiles, profileById, type Profile } from './profile.js';
import { parseRange, yearlessRange, type TitleRange } from './range.js';

interface ImportOptions {
  /** --format: use this profile, do not recognise. */
  format?: string;
  /** --profile: a user's profile file, tried before the built-in ones (and forced when alone). */
  profile?: Profile;
  /** Keep only days in --from/--to; rows outside are counted. */
  fromTo?: { first: IsoDate; last: IsoDate } | null;
  /** The run's period as the command line states it (--period): punches outside it are counted and never held (SheetExtractor's `keep`). */
  keep?: { first: IsoDate; last: IsoDate } | null;
  /** For dates written without a year. */
  year?: number;
  /** The days the run is about as far as the command line or a file name says (--period): day-number columns without a stated range are placed in it. */
  context?: { first: IsoDate; last: IsoDate } | null;
  /** The run's working calendar (with --calendar's years), for holidays a header names; the official one when not given. */
  calendar?: CalendarSource;
}

interface Match {
  sheet: string;
  profile: Profile;
  header: FoundHeader | null;
  score: number;
}

const MIN_DAY_COLUMNS = 5;

/** Raw punches first (F1 carries the platform's markers per punch), then person-days, one cell, grids. */
const PUNCH_PRIORITY: Record<string, number> = { F1: 0, F2: 1, F3: 2, F4: 3 };

/**
 * Cards (考勤卡表) come last whatever their family: a print layout holding only the punch the
 * software put in each slot, so a sheet of every punch in the same report is the better source.
 */
function punchRank(m: Match): number | undefined {
  return m.profile.shape === 'cards' ? Object.keys(PUNCH_PRIORITY).length : PUNCH_PRIORITY[m.profile.family];
}

/**
 * Reads exports into one import: every file's sheets recognised by content (each profile's
 * identify runs; the best match wins and is named), one punch source per file, every other
 * recognised sheet read for shifts, leave and verdicts. A file nothing recognises is reported
 * with what was seen.
 */
export async function readExports(paths: readonly string[], options: ImportOptions = {}): Promise<ImportData> {
  const data = emptyImport();
  const candidates = await candidatesOf(options);
  const ranges: CoveredRange[] = [];
  const given: string[] = [];
  for (const path of paths) {
    // The same file named twice is read once: its punches twice would be two of each clocking.
    const earlier = await firstSameFile(given, path);
    if (earlier !== undefined) {
      data.givenTwice.push({ file: basename(path), earlier: basename(earlier) });
      continue;
    }
    given.push(path);
    const source = await openExport(path);
    if ('code' in source) {
      data.problems.push(source);
      continue;
    }
    try {
      // A text file refused whole as it was opened (its encoding, a quote never closed) has no rows to recognise.
      const refused = source.problems.some((p) => p.severity === 'error');
      const before = data.problems.length;
      const range = refused ? null : await readOne(source, candidates, options, data);
      if (range) ranges.push(range);
      data.problems.push(...source.problems);
      // A web page or Excel 2003 XML read as an export and failing: what it is comes first, as
      // saved as .xlsx in Excel it is the workbook it shows (its cells' types, its sheets' names).
      if (source.format === 'html' && hasErrors(data.problems.slice(before))) {
        const kind = textTableOf(await fileHead(path));
        if (kind) data.problems.splice(before, 0, textTableProblem(path, kind));
      }
    } catch (error) {
      // A part that cannot be read to its end (damaged), found only when its rows are: said as the month reader says it.
      const fault = fileFault(path, error);
      if (fault === null) throw error;
      data.problems.push(fault);
    } finally {
      source.close();
    }
  }
  // A schedule grid or a list of anomaly days given without punches was meant as them: said what it is, with what to give.
  if (!data.recognised.some((r) => r.use === 'punches')) {
    for (const r of data.recognised) {
      if (r.use === 'skipped') data.problems.push(problem('export_schedule_grid', { file: r.file, sheet: r.sheet }, { name: r.profile.name }));
      if (r.use === 'anomalies') data.problems.push(problem('export_anomaly_rows', { file: r.file, sheet: r.sheet }, { name: r.profile.name }));
    }
  }
  // Several exports speak for the days from the first one's start to the last one's end.
  if (ranges.length > 0) data.covered = joinRanges(ranges);
  return data;
}

async function firstSameFile(given: readonly string[], path: string): Promise<string | undefined> {
  for (const g of given) if (await sameFile(g, path)) return g;
  return undefined;
}

/** Whether any profile recognises a sheet of the file (a CSV given where a typed sheet may also be). */
export async function recognisesAny(path: string, options: ImportOptions = {}): Promise<boolean> {
  const source = await openExport(path);
  if ('code' in source) return false;
  try {
    return await recognisesSheetOf(source, options);
  } finally {
    source.close();
  }
}

/** Whether any profile recognises a sheet of a file opened already (recognisesAny; a web page the run has parsed to type it). */
export async function recognisesSheetOf(source: SheetSource, options: ImportOptions = {}): Promise<boolean> {
  const candidates = await candidatesOf(options);
  for (const s of await source.sheets()) {
    if (recognise(source, s.name, await source.head(s.name, HEAD_ROWS), candidates, yearOf(options))) return true;
  }
  return false;
}

async function candidatesOf(options: ImportOptions): Promise<Profile[]> {
  if (options.format) return [await profileById(options.format, options.profile ? [options.profile] : [])];
  return options.profile ? [options.profile] : builtinProfiles();
}

async function readOne(source: SheetSource, candidates: readonly Profile[], options: ImportOptions, data: ImportData): Promise<CoveredRange | null> {
  const sheets = await source.sheets();
  const year = yearOf(options);
  const heads = new Map<string, RawRow[]>();
  for (const s of sheets) heads.set(s.name, await source.head(s.name, HEAD_ROWS));
  const matches = sheets.flatMap((s) => {
    const best = recognise(source, s.name, heads.get(s.name) ?? [], candidates, year);
    return best ? [best] : [];
  });
  if (matches.length === 0) {
    data.problems.push(unrecognised(source, heads, candidates));
    return null;
  }
  // A schedule grid's shift numbers mean times the export does not hold: said, never read.
  const schedules = matches.filter((m) => m.profile.cells === 'shifts');
  for (const m of schedules) data.recognised.push(recognition(source.file, m, 'skipped'));
  if (schedules.length === matches.length) return null;
  const read = matches.filter((m) => !schedules.includes(m));
  const carrying = read.filter((m) => punchRank(m) !== undefined && carriesPunches(m));
  const punchSource = [...carrying].sort((a, b) => punchRank(a)! - punchRank(b)! || b.score - a.score)[0];
  // A layout split over sheets (考勤卡表: three people a sheet, a long log cut in two) is one
  // source: every sheet of it is read, and a punch found in two of them stops the run (copied).
  const sources = new Set(carrying.filter((m) => m.profile === punchSource?.profile));

  // The range each sheet speaks for: its own title's, else the file's (the punch source's title, else any recognised sheet's).
  const known = options.fromTo ?? options.context ?? null;
  const statedBy = new Map(
    read.map((m) => {
      const range = m.header ? parseRange(m.header.title, m.profile.range?.labels ?? [], year, known) : null;
      return [m, range ? { ...range, sheet: m.sheet } : null];
    }),
  );
  const stated = (m: Match | undefined): (TitleRange & { sheet: string }) | null => (m ? (statedBy.get(m) ?? null) : null);
  const titled = [punchSource, ...read].map(stated).find((r) => r !== null) ?? null;
  // A title range without a year, and no period to place it: said where day numbers need it.
  const yearless = titled || year !== undefined ? null : firstYearless([punchSource, ...read]);
  const held: HeldRange[] = [];
  const hidden = new Set(sheets.filter((s) => s.hidden).map((s) => s.name));
  for (const m of read) {
    const own = stated(m) ?? titled;
    // Grid headers that are full dates must agree with a title's range; the period only places day numbers.
    const range = own ? { first: own.first, last: own.last, stated: true } : known;
    // A layout split over sheets is checked for a sheet copied into another over all its punches (copiedSheet): they are held until then.
    const run = { file: source.file, sheet: m.sheet, profile: m.profile, header: m.header, punches: sources.has(m), fromTo: options.fromTo ?? null, keep: sources.size === 1 ? (options.keep ?? null) : null, year: year ?? (range ? Number(range.first.slice(0, 4)) : undefined), range, yearless, date1904: source.date1904, calendar: options.calendar ?? (() => officialCalendar()) };
    const extractor = new SheetExtractor(run, data);
    data.recognised.push({ ...recognition(source.file, m, useOf(m, sources)), ...(extractor.twoPunchesADay ? { twoPunchesADay: true } : {}), ...(punchSource && carrying.includes(m) && !sources.has(m) ? { punchesFrom: punchSource.sheet } : {}) });
    // Person blocks start above their first label row (the day-number row comes first).
    const first = m.profile.shape === 'blocks' || !m.header ? 1 : firstDataRow(m.header);
    await source.rows(
      m.sheet,
      (row, faults) => {
        if (row.row >= first) extractor.take(row, faults);
      },
      (column) => extractor.uses(column),
    );
    extractor.finish();
    // A hidden sheet is read as the month workbook's is, but said: its punches count as the visible sheet's do.
    if (hidden.has(m.sheet)) data.problems.push(problem('sheet_hidden_used', { file: source.file, sheet: m.sheet }, { export: sources.has(m) ? 'punches' : 'extras' }, 'warning'));
    if (sources.has(m)) held.push({ sheet: m.sheet, stated: own, span: extractor.span, punched: extractor.punched, people: extractor.people });
  }
  // Every sheet of the file is read: a punch matched to a scheduled time takes its side from the day's shift.
  data.punches = withScheduledRoles(data.punches, data.shifts, source.file);
  if (sources.size > 1) {
    const copied = copiedSheet(data, source.file, new Set([...sources].map((m) => m.sheet)));
    if (copied) data.problems.push(copied);
  }
  const statedAt = (r: TitleRange & { sheet: string }): CoveredRange => ({ first: r.first, last: r.last, from: 'title', where: { file: source.file, sheet: r.sheet, row: r.row, columnLetter: columnLetter(r.index) } });
  for (const h of held) {
    const range = h.stated ? statedAt(h.stated) : h.span ? { ...h.span, from: 'punches' as const, where: { file: source.file, sheet: h.sheet } } : null;
    if (!range) continue;
    data.sources.push({ range, people: h.people });
    // A stated range none of the sheet's punches fall in (2026-11 over a log of 2027-11): kept to it,
    // every working day would be an absence for its people. Some punches outside it are dropped and counted.
    if (h.stated && h.punched && (h.punched.last < h.stated.first || h.punched.first > h.stated.last)) {
      data.problems.push(problem('export_range_without_punches', range.where, { first: h.stated.first, last: h.stated.last, punchFirst: h.punched.first, punchLast: h.punched.last }));
    }
  }
  // The file speaks for what its punch sheets state together (a sheet a department, each its own 统计日期), else its title.
  const statedRanges = held.flatMap((h) => (h.stated ? [statedAt(h.stated)] : []));
  if (statedRanges.length > 0) return joinRanges(statedRanges);
  if (titled) return statedAt(titled);
  // No stated range: the first and last day the punch source's rows are about (said on screen).
  const span = held.map((h) => h.span).reduce(joinSpans, null);
  return span && punchSource ? { ...span, from: 'punches', where: { file: source.file, sheet: punchSource.sheet } } : null;
}

/** A punch sheet read: the range its title (or its file's) states, the days its rows are about, and the people it holds. */
interface HeldRange {
  sheet: string;
  stated: (TitleRange & { sheet: string }) | null;
  span: { first: IsoDate; last: IsoDate } | null;
  punched: { first: IsoDate; last: IsoDate } | null;
  people: ReadonlySet<string>;
}

/** Several ranges as the one from the first one's start to the last one's end, placed at the earliest start; 'title' only when each was stated. */
function joinRanges(ranges: readonly CoveredRange[]): CoveredRange {
  const first = ranges.reduce((a, b) => (b.first < a.first ? b : a));
  const last = ranges.reduce((a, b) => (b.last > a.last ? b : a));
  return { first: first.first, last: last.last, from: ranges.every((r) => r.from === 'title') ? 'title' : 'punches', where: first.where };
}

function firstYearless(matches: readonly (Match | undefined)[]): { text: string; row: number; index: number } | null {
  for (const m of matches) {
    const found = m?.header ? yearlessRange(m.header.title, m.profile.range?.labels ?? []) : null;
    if (found) return found;
  }
  return null;
}

/**
 * Parts of one export never hold the same punch twice; a sheet that repeats another's punches (the
 * same person, day and time) is a clerk's copy, edited or not. Reading both would count punches
 * twice or mix an edited copy into the original, so the run stops naming both sheets.
 */
function copiedSheet(data: ImportData, file: string, sheets: ReadonlySet<string>): Problem | null {
  const first = new Map<string, ExportPunch>();
  let shared: [ExportPunch, ExportPunch] | null = null;
  let count = 0;
  for (const p of data.punches) {
    if (p.sheet.file !== file || !sheets.has(p.sheet.sheet)) continue;
    const key = `${p.person}\u0000${p.date}\u0000${p.at}`;
    const earlier = first.get(key);
    if (!earlier) first.set(key, p);
    else if (earlier.sheet.sheet !== p.sheet.sheet) {
      shared ??= [earlier, p];
      count += 1;
    }
  }
  if (!shared) return null;
  const [original, copy] = shared;
  const person = data.people.get(copy.person)?.written ?? copy.person;
  return problem('export_sheet_copied', punchLocation(copy), { sheet: original.sheet.sheet, copy: copy.sheet.sheet, count, person, date: copy.date, time: clock(copy.at), row: original.row });
}

function useOf(m: Match, sources: ReadonlySet<Match>): Recognition['use'] {
  if (sources.has(m)) return 'punches';
  return m.profile.coverage === 'anomalies' ? 'anomalies' : 'extras';
}

function joinSpans(a: { first: IsoDate; last: IsoDate } | null, b: { first: IsoDate; last: IsoDate } | null): { first: IsoDate; last: IsoDate } | null {
  if (!a || !b) return a ?? b;
  return { first: b.first < a.first ? b.first : a.first, last: b.last > a.last ? b.last : a.last };
}

function recognition(file: string, m: Match, use: Recognition['use']): Recognition {
  return { file, sheet: m.sheet, profile: { id: m.profile.id, name: m.profile.name, family: m.profile.family }, headerRow: m.header?.lastRow ?? 0, use };
}

function carriesPunches(m: Match): boolean {
  const p = m.profile;
  if (p.shape === 'grid') return p.cells === 'times';
  if (p.shape === 'blocks' || p.shape === 'cards') return true;
  if (p.shape !== 'log' && p.shape !== 'day') return false;
  if (!m.header) return true;
  const has = (k: 'time' | 'datetime' | 'times') => m.header!.columns.has(k);
  return has('time') || has('datetime') || has('times') || (p.slots ?? []).some((s) => m.header!.byWord.has(foldKey(s.time)));
}

/** The year dates written without one are in: given, or the period's (--period, the file name). */
function yearOf(options: ImportOptions): number | undefined {
  const known = options.fromTo ?? options.context ?? null;
  return options.year ?? (known ? Number(known.first.slice(0, 4)) : undefined);
}

/** The best profile for a sheet, or null. */
function recognise(source: SheetSource, sheet: string, head: readonly RawRow[], candidates: readonly Profile[], year: number | undefined): Match | null {
  let best: Match | null = null;
  for (const profile of candidates) {
    const headerless = profile.identify.source === 'attlog';
    if (headerless !== (source.format === 'attlog')) continue;
    if (headerless) {
      if (head.length > 0) best ??= { sheet, profile, header: null, score: 1 };
      continue;
    }
    const header = findHeader(head, profile);
    if (!header || !identifies(header, profile)) continue;
    // A grid is a grid only with a run of day columns (a week at least); 10月1日 headers are days in the period's year.
    if (profile.shape === 'grid' && dayRunLength(header, new Set(header.columns.values()), year) < MIN_DAY_COLUMNS) continue;
    const folded = foldKey(sheet);
    const titleText = foldKey(header.title.map((r) => r.cells.map(cellText).join('')).join(''));
    const named = profile.identify.named;
    if (named && !named.some((w) => folded.includes(foldKey(w)) || titleText.includes(foldKey(w)))) continue;
    const sheetHit = (profile.identify.sheet ?? []).some((w) => folded.includes(foldKey(w))) ? 3 : 0;
    const titleHit = (profile.identify.title ?? []).some((w) => titleText.includes(foldKey(w))) ? 2 : 0;
    const score = header.score + sheetHit + titleHit;
    if (!best || score > best.score) best = { sheet, profile, header, score };
  }
  return best;
}

/** What was seen, so the clerk (or a profile writer) can tell what the file is. */
function unrecognised(source: SheetSource, heads: ReadonlyMap<string, RawRow[]>, candidates: readonly Profile[]): Problem {
  const seen = [...heads].map(([sheet, rows]) => {
    // The row with the most text cells looks most like a header.
    const header = [...rows].sort((a, b) => textCells(b) - textCells(a) || a.row - b.row)[0];
    const words = header ? header.cells.map(cellText).map((t) => t.trim()).filter((t) => t !== '').slice(0, 12) : [];
    return { sheet, row: header?.row ?? null, words } satisfies SeenSheet;
  });
  return problem('export_unrecognised', { file: source.file }, { file: basename(source.file), seen: JSON.stringify(seen), known: candidates.map((p) => `${p.id}（${p.name}）`).join('、') });
}

function textCells(row: RawRow): number {
  return row.cells.filter((c) => typeof c === 'string' && c.trim() !== '' && !/^[\d\s:./-]+$/.test(c)).length;
}
