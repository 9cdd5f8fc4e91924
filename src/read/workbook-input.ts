import { extname } from 'node:path';
import type { CalendarSource } from '../calendar/calendar.js';
import { codeSheetName, guideSheetName, inputSheets, resultSheetNames, isCopyName, settingKeyOf, type ColumnSpec, type SheetRole } from '../core/input-sheets.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import { PunchCollector } from './punch-collector.js';
import { punchThreadPays, readPunchSheet, startPunchThread, type PunchThread } from './punch-thread.js';
import { findHeader, HEADER_SEARCH_ROWS, isBlank, mappedRows } from './header.js';
import type { RawRow, RawTable } from './table.js';
import { TableCollector } from './table-collector.js';
import type { RowFault, SheetInfo, SheetSource } from './sheet-source.js';
import { fileProblem, quotedSheets, Workbook, type HiddenParts, type MergedParts, type OpenOptions, type SheetRow } from './xlsx.js';
import { xlsSource } from './xls.js';
import { fileHead, OLE_MAGIC, startsWith } from './file-magic.js';
import { notAFileProblem } from '../core/files.js';

/** A sheet (or a folder's CSV file) named as a copy of a wanted role's (记录 (2), 记录 - 副本): never read as the role. */
interface RoleCopy<S> {
  sheet: S;
  role: string;
  /** The role's canonical name (记录, for RECORDS (2) too). */
  of: string;
  /** The sheet or file read for the role, if any. */
  read: string | undefined;
  hidden: boolean;
}

/**
 * The sheet that plays each wanted role: the visible sheet with one of the role's names. A hidden
 * sheet is never used when a visible one has the role (a stale copy kept out of sight); a role
 * only hidden sheets have is played by a hidden one, with a warning. Two sheets that could both
 * play a role (记录 and RECORDS) are an error naming both: one is not dropped, nor are they merged.
 * Sheets named as a role's copies are returned to be judged by what they hold (copyProblem).
 */
function chooseSheets<S extends { name: string }>(
  file: string,
  sheets: readonly S[],
  hidden: (sheet: S) => boolean,
  wanted: ReadonlyMap<string, readonly string[]>,
  byFlag = false,
  blank: ReadonlySet<S> = new Set(),
): { chosen: Map<string, S>; copies: RoleCopy<S>[]; strangers: S[]; problems: Problem[] } {
  const chosen = new Map<string, S>();
  const problems: Problem[] = [];
  for (const [role, names] of wanted) {
    const { players, hiddenOnly } = rolePlayers(sheets, hidden, names, byFlag, blank);
    const sheet = players[0];
    if (!sheet) continue;
    if (players.length > 1) problems.push(sheetRoleTwice(file, names[0] as string, players.map((s) => s.name)));
    else if (hiddenOnly) problems.push(problem('sheet_hidden_used', { file, sheet: sheet.name }, {}, 'warning'));
    chosen.set(role, sheet);
  }
  const copies = roleCopies(sheets, wanted, (s) => s.name, (role) => chosen.get(role)?.name).map((c) => ({ ...c, hidden: hidden(c.sheet) }));
  // The lone sheet a flag's workbook gives its role (rolePlayers) bears no role's name, but is read.
  const read = new Set(chosen.values());
  const strangers = sheets.filter((s) => !hidden(s) && !read.has(s) && !copies.some((c) => c.sheet === s) && isStrangerName(s.name));
  return { chosen, copies, strangers, problems };
}

/** The names a workbook is saved under (.xlsm is an .xlsx with macros, .xls Excel 97–2003 or WPS); any other file is read as text (CSV, Excel's Unicode 文本 .txt). */
const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls']);

export function isWorkbookName(path: string): boolean {
  return WORKBOOK_EXTENSIONS.has(extname(path).toLowerCase());
}

/**
 * The sheets that could play a role: the visible ones with one of its names, else the hidden ones
 * (hiddenOnly). In a file given for that one role by a flag (--punches 打卡.xlsx), a workbook with
 * no sheet of its names and a single visible sheet under no role's name (Sheet1, as Excel names a
 * table saved alone) has that sheet play it, as a CSV's one table does; the `blank` sheets
 * (blankStrangers: the empty Sheet2 and Sheet3 Excel adds) do not count.
 */
export function rolePlayers<S extends { name: string }>(sheets: readonly S[], hidden: (sheet: S) => boolean, names: readonly string[], byFlag: boolean, blank: ReadonlySet<S> = new Set()): { players: S[]; hiddenOnly: boolean } {
  const candidates = sheets.filter((s) => namesSheet(s.name, names));
  const visible = candidates.filter((s) => !hidden(s));
  if (candidates.length === 0 && byFlag) {
    // Not a sheet named as another's (人员.xlsx given by --punches is no 考勤).
    const shown = sheets.filter((s) => !hidden(s) && !blank.has(s));
    return { players: shown.length === 1 && isStrangerName(shown[0]!.name) ? shown : [], hiddenOnly: false };
  }
  return { players: visible.length > 0 ? visible : candidates, hiddenOnly: visible.length === 0 && candidates.length > 0 };
}

/**
 * The visible sheets without a row with a value in a workbook given by a flag whose visible sheets
 * are all under no role's name (Sheet1 with the table, Sheet2 and Sheet3 left empty, as Excel saves
 * a new workbook): they hold no table, so the lone sheet with rows plays the role (rolePlayers).
 * Any other workbook is not looked into: a sheet under a role's name keeps the lone-sheet rule off.
 */
export async function blankStrangers<S extends { name: string }>(sheets: readonly S[], hidden: (sheet: S) => boolean, firstRow: (sheet: S) => Promise<readonly unknown[]>): Promise<Set<S>> {
  const shown = sheets.filter((s) => !hidden(s));
  if (shown.length < 2 || !shown.every((s) => isStrangerName(s.name))) return new Set();
  const blank = new Set<S>();
  for (const sheet of shown) if ((await firstRow(sheet)).length === 0) blank.add(sheet);
  return blank;
}

/** Whether a name (a sheet's, a file's without its extension) is one of a sheet's names, folded. */
export function namesSheet(name: string, names: readonly string[]): boolean {
  return names.some((n) => foldKey(n) === foldKey(name));
}

/** Every name a sheet kaohe reads may have, and the sheets kaohe writes into a template (说明, 代码表). */
const KNOWN_NAMES = new Set([...inputSheets.flatMap((s) => s.names), guideSheetName, codeSheetName].map(foldKey));

/**
 * The sheets kaohe writes as results. Not `kaohe attendance`'s 考勤明细 nor 考勤汇总: clock exports
 * bear those names too, and kaohe's own have no punch time to be taken for 考勤.
 */
const OUTPUT_NAMES = Object.values(resultSheetNames).map(foldKey);

/** Whether a sheet's name holds the name of a sheet kaohe writes as a result (扣分明细, 9月得分表). */
function isOutputName(sheetName: string): boolean {
  return namesRole(sheetName, OUTPUT_NAMES);
}

/**
 * A result kaohe wrote (its sheets all results — 得分表, 公示, 年度考核表 … — and 说明) that nothing
 * has saved since (Workbook.writtenByKaohe): never a period's input. A month workbook `kaohe import -o`
 * wrote holds input sheets, so it is none.
 */
export async function isKaoheResult(path: string): Promise<boolean> {
  const book = await Workbook.open(path).catch(() => null);
  if (!book) return false;
  try {
    const results = book.sheets.length > 0 && book.sheets.every((s) => isOutputName(s.name) || s.name === guideSheetName);
    return results && (await book.writtenByKaohe().catch(() => false));
  } finally {
    book.close();
  }
}

/** A sheet no role has by name nor as a copy: never read, whatever it holds. */
function isStrangerName(name: string): boolean {
  return !KNOWN_NAMES.has(foldKey(name));
}

/** Enough of a sheet's top to find a header (HEADER_SEARCH_ROWS) and one row under it. */
const STRANGER_HEAD_ROWS = HEADER_SEARCH_ROWS + 1;

/** Whether a sheet's name names a role: it holds one of the role's names (请假记录, 10月记录, 钉钉打卡导出). */
function namesRole(sheetName: string, names: readonly string[]): boolean {
  const folded = foldKey(sheetName);
  return names.some((name) => folded.includes(foldKey(name)));
}

/**
 * A visible sheet under a name kaohe does not read whose top rows hold a wanted role's required
 * columns and a row under it. When its name names the role (请假记录, 10月记录) its rows are the
 * role's left out without a word (李四's 事假 in 请假记录 scored as 旷工): an error, as a copy
 * holding rows is. Any other (Sheet2, 假条, 办件登记 with 日期 and 时间, 花名册 with 工号 and 姓名)
 * may well be the clerk's own sheet: a warning saying which of the role's columns it has and that
 * it was not read, never that it is the role's; kaohe's own result sheets (9月扣分明细) are let be.
 * But when the role's own sheet is there without a row (记录 with its header only, the rows typed
 * into Sheet2), the month would be scored on nothing: an error, whatever the name.
 * Only the top rows are looked at. Of the roles it looks like, one its name names comes first,
 * then the one whose header maps most of its columns (记录's header holds 人员's 工号, 姓名 and 窗口
 * too); the first of equals.
 */
function strangerProblem(at: SourceLocation, rows: readonly SheetRow[], wanted: ReadonlyMap<string, readonly string[]>, date1904: boolean, read: (role: string) => RoleRead | undefined): Problem | null {
  let best: { role: string; name: string; named: boolean; headers: readonly string[] } | null = null;
  for (const [role, names] of wanted) {
    const columns = columnsOf(role);
    if (columns === 'keyValue') continue;
    const collector = new TableCollector(at.file, at.sheet ?? '', columns, date1904);
    for (const row of rows) collector.add(row);
    const headers = headersAsRole(collector.finish(), columns);
    if (headers.length === 0) continue;
    const named = namesRole(at.sheet ?? '', names);
    if (!best || (named && !best.named) || (named === best.named && headers.length > best.headers.length)) best = { role, name: names[0] as string, named, headers };
  }
  if (!best || (!best.named && isOutputName(at.sheet ?? ''))) return null;
  const roleSheet = read(best.role);
  if (best.named) return problem('sheet_unread_has_rows', at, { role: best.name, read: roleSheet?.name ?? '' });
  if (roleSheet?.empty) return problem('sheet_unread_role_empty', at, { role: best.name, read: roleSheet.name, columns: best.headers.join('、') });
  return problem('sheet_unread_like_role', at, { role: best.name, columns: best.headers.join('、') }, 'warning');
}

/** The sheet read for a role, and whether it holds no row as the role's (a header alone). 考勤, read by its own collector, is never said empty here. */
interface RoleRead {
  name: string;
  empty: boolean;
}

/** What strangerProblem is told of the role sheets read (all of them read by now): their names, and which hold no row, each worked out once. */
function rolesRead<S extends { name: string }>(chosen: ReadonlyMap<string, S>, tables: ReadonlyMap<string, RawTable>): (role: string) => RoleRead | undefined {
  const known = new Map<string, RoleRead | undefined>();
  return (role) => {
    if (known.has(role)) return known.get(role);
    const sheet = chosen.get(role);
    const table = tables.get(role);
    const read = sheet ? { name: sheet.name, empty: table !== undefined && !holdsRowsAsRole(table, role) } : undefined;
    known.set(role, read);
    return read;
  };
}

/**
 * The sheet's headers that map a role's columns, in the sheet's order, when they hold every column
 * the role needs (考勤 needs none by itself: a date and a time) and a row is under them; otherwise none.
 */
function headersAsRole(table: RawTable, columns: readonly ColumnSpec[]): string[] {
  const { head, problems } = findHeader(table, columns);
  if (!head || problems.some((p) => p.code === 'column_missing' || p.code === 'column_ambiguous')) return [];
  const mapped = new Set(head.columns.map((c) => c.key));
  const recognised = columns.some((c) => c.required) || (mapped.has('date') && PUNCH_TIME_KEYS.some((k) => mapped.has(k)));
  if (!recognised || mappedRows(table, columns, head).next().done) return [];
  return [...head.columns].sort((a, b) => a.index - b.index).map((c) => c.header);
}

/** The 考勤 columns that hold punch times, in its three shapes. */
const PUNCH_TIME_KEYS = ['time', 'cell', 'amIn', 'amOut', 'pmIn', 'pmOut'];

/** The sheets or files whose name is a wanted role's name plus a copy suffix (and no role's own name). */
export function roleCopies<S>(items: readonly S[], wanted: ReadonlyMap<string, readonly string[]>, nameOf: (item: S) => string, readFor: (role: string) => string | undefined): Omit<RoleCopy<S>, 'hidden'>[] {
  const roleNames = new Set([...wanted.values()].flat().map(foldKey));
  return items.flatMap((sheet) => {
    const name = nameOf(sheet);
    if (roleNames.has(foldKey(name))) return [];
    for (const [role, names] of wanted) {
      if (isCopyName(name, names)) return [{ sheet, role, of: names[0] as string, read: readFor(role) }];
    }
    return [];
  });
}

/**
 * What a copy of a role's sheet is said as. It is never read as the role: rows split over 记录
 * and 记录 (2) would be scored half. One holding rows as the role's (its header maps like the
 * role's, every required column there, and rows under it) is an error for the clerk to merge
 * them or rename or delete it; one without (an empty or unrelated copy), or hidden, a warning.
 */
export function copyProblem(at: SourceLocation, copy: Omit<RoleCopy<unknown>, 'sheet'>, table: RawTable | null): Problem {
  const rows = copy.hidden || table === null ? 0 : [...rowsAsRole(table, copy.role)].length;
  const args = { role: copy.of, read: copy.read ?? '', ...(rows > 0 ? { rows } : {}) };
  return problem(rows > 0 ? 'sheet_copy_has_rows' : 'sheet_copy_ignored', at, args, rows > 0 ? 'error' : 'warning');
}

/** The rows a sheet holds as the role's sheet would hold them (none when its header does not map like the role's). */
function rowsAsRole(table: RawTable, role: string): Iterable<unknown> {
  const columns = columnsOf(role);
  if (columns === 'keyValue') return table.rows.filter(isSettingRow);
  const { head, problems } = findHeader(table, columns);
  if (!head || problems.some((p) => p.code === 'column_missing' || p.code === 'column_ambiguous')) return [];
  return mappedRows(table, columns, head);
}

/** Whether a sheet holds a row as the role's sheet would hold it. */
function holdsRowsAsRole(table: RawTable, role: string): boolean {
  return rowsAsRole(table, role)[Symbol.iterator]().next().done !== true;
}

/** A 设置 row that sets something: a key kaohe knows, with a value beside it. */
export function isSettingRow(row: RawRow): boolean {
  return typeof row.cells[0] === 'string' && settingKeyOf(row.cells[0]) !== undefined && !isBlank(row.cells[1]);
}

/** Two sheets (or a folder's two CSV files) for one role: neither is dropped, nor are they merged. */
export function sheetRoleTwice(file: string, role: string, names: readonly string[]): Problem {
  return problem('sheet_role_twice', { file }, { role, sheets: quotedSheets(names) });
}

interface WorkbookTables {
  /** Role → the sheet as a raw table (the header, the rows above it, and the mapped columns below). */
  sheets: Map<string, RawTable>;
  /** The text of the 说明 sheet's A1, where a workbook made by `kaohe template` names its scheme. */
  guideTitle?: string;
  /** The 考勤 sheet, collected row by row (null when not wanted or absent). */
  punches: PunchCollector | null;
  problems: Problem[];
}

interface WorkbookReadOptions extends OpenOptions {
  /** How 考勤 dates are checked; needed only when the punches role is wanted. */
  punches?: { calendar: CalendarSource; year: number | undefined };
  /** The workbook is given for its one wanted role by a flag (--punches 打卡.xlsx): see rolePlayers and otherRolesUnread. */
  byFlag?: boolean;
}

/** The columns a role's sheet is mapped by (设置 is key/value: columns A and B). */
function columnsOf(role: string): ConstructorParameters<typeof TableCollector>[2] {
  if (role === 'settings') return 'keyValue';
  const declared = inputSheets.find((s) => s.role === (role as SheetRole));
  if (!declared) throw new Error(`no declaration for sheet role ${role}`);
  return declared.columns;
}

/** A workbook's sheets as both readers list them (readWorkbookTables over .xlsx, readSourceTables over legacy .xls), for the steps they share. */
interface SheetList<S extends { name: string }> {
  file: string;
  sheets: readonly S[];
  hidden: (sheet: S) => boolean;
  /** A sheet's first `count` rows with a value. */
  headRows: (sheet: S, count: number) => Promise<readonly SheetRow[]>;
  date1904: boolean;
}

/** The sheets chosen for the wanted roles (chooseSheets); of a workbook given by a flag, its blank strangers looked for first (blankStrangers). */
async function chooseRoleSheets<S extends { name: string }>(list: SheetList<S>, wanted: ReadonlyMap<string, readonly string[]>, byFlag: boolean | undefined) {
  const blank = byFlag ? await blankStrangers(list.sheets, list.hidden, (s) => list.headRows(s, 1)) : undefined;
  return chooseSheets(list.file, list.sheets, list.hidden, wanted, byFlag, blank);
}

/**
 * Once the roles' sheets are read (`tables`): the sheets under no role's name said where they hold
 * a role's rows (strangerProblem), and of a workbook given by a flag its other roles' sheets
 * (otherRolesUnread), into `problems`. Returns the 说明 sheet's title (guideTitleOf).
 */
async function afterRoles<S extends { name: string }>(
  list: SheetList<S>,
  wanted: ReadonlyMap<string, readonly string[]>,
  byFlag: boolean | undefined,
  { chosen, strangers }: { chosen: ReadonlyMap<string, S>; strangers: readonly S[] },
  tables: ReadonlyMap<string, RawTable>,
  problems: Problem[],
): Promise<string | undefined> {
  const roleSheets = rolesRead(chosen, tables);
  for (const sheet of strangers) {
    const unread = strangerProblem({ file: list.file, sheet: sheet.name }, await list.headRows(sheet, STRANGER_HEAD_ROWS), wanted, list.date1904, roleSheets);
    if (unread) problems.push(unread);
  }
  const guideTitle = await guideTitleOf(list.sheets.find((s) => s.name === guideSheetName && !list.hidden(s)), (sheet) => list.headRows(sheet, 1));
  if (byFlag) problems.push(...(await otherRolesUnread(list.file, list.sheets, list.hidden, chosen, (sheet) => list.headRows(sheet, STRANGER_HEAD_ROWS), list.date1904)));
  return guideTitle;
}

/**
 * Reads the wanted sheets of a month workbook as .xlsx (readWorkbookTables) or, saved by older
 * Excel or WPS, as legacy .xls (readSourceTables): score, check and template --roster read one way.
 */
export async function readMonthWorkbook(path: string, wanted: ReadonlyMap<string, readonly string[]>, options: WorkbookReadOptions = {}): Promise<WorkbookTables> {
  // Its first bytes read once: they tell a legacy .xls, and the .xlsx reader refuses by them what is neither (a web page saved as .xls).
  const head = notAFileProblem(path) ? undefined : await fileHead(path).catch(() => undefined);
  if (!head || !startsWith(head, OLE_MAGIC)) return readWorkbookTables(path, wanted, { ...options, ...(head ? { head } : {}) });
  const legacy = await xlsSource(path);
  return 'code' in legacy ? { sheets: new Map<string, RawTable>(), punches: null, problems: [legacy] } : readSourceTables(legacy, wanted, options);
}

/**
 * Reads the wanted sheets of a month workbook, and only those, through the one streaming reader:
 * 考勤 into a PunchCollector row by row, the others into raw tables of their mapped columns.
 * Every problem is returned (none thrown): the file refused, a sheet stopped by a reference out
 * of bounds, a fault in a used cell, a hidden sheet used.
 */
export async function readWorkbookTables(path: string, wanted: ReadonlyMap<string, readonly string[]>, options: WorkbookReadOptions = {}): Promise<WorkbookTables> {
  const sheets = new Map<string, RawTable>();
  const problems: Problem[] = [];
  let punches: PunchCollector | null = null;
  let book: Workbook;
  try {
    book = await Workbook.open(path, options);
  } catch (error) {
    return { sheets, punches, problems: [fileProblem(path, error)] };
  }
  let thread: PunchThread | null = null;
  let guideTitle: string | undefined;
  try {
    const list: SheetList<Workbook['sheets'][number]> = {
      file: book.file,
      sheets: book.sheets,
      hidden: (s) => s.visibility !== 'visible',
      headRows: async (s, count) => (await book.head(s, count)).rows,
      date1904: book.date1904,
    };
    const { chosen, copies, strangers, problems: choosing } = await chooseRoleSheets(list, wanted, options.byFlag);
    problems.push(...choosing, ...notTablesForRoles(book, wanted, chosen));
    const order = [...chosen].sort(([, a], [, b]) => book.sheets.indexOf(a) - book.sheets.indexOf(b));
    book.willRead([...order.map(([, s]) => s), ...copies.map((c) => c.sheet), ...strangers]);
    const reading = options.punches;
    const punchSheet = reading ? chosen.get('punches') : undefined;
    if (reading && punchSheet && punchThreadPays(book.sizeOf([punchSheet]), book.sizeOf(order.flatMap(([role, s]) => (role === 'punches' ? [] : [s]))))) {
      const years = [...reading.calendar().coveredYears];
      thread = startPunchThread({ path, part: punchSheet.part, years, year: reading.year }, (done) => book.readElsewhere(done));
    }
    /** With a thread: where the 考勤 sheet's problems go among the others', and the roles read after it. */
    let punchesAt = -1;
    const after: string[] = [];
    try {
      for (const [role, sheet] of order) {
        if (role === 'punches' && reading) {
          if (thread) {
            punchesAt = problems.length;
            continue;
          }
          const read = await readPunchSheet(book, sheet, reading.calendar(), reading.year);
          if ('failed' in read) {
            problems.push(read.failed);
            break;
          }
          problems.push(...read.problems);
          punches = read.collector;
          continue;
        }
        if (punchesAt >= 0) after.push(role);
        const read = await book.readSheetOnce(sheet, () => {
          const collector = new TableCollector(path, sheet.name, columnsOf(role), book.date1904);
          return { collector, cells: collector, keepColumn: collector.keepColumn };
        });
        problems.push(...read.problems);
        sheets.set(role, read.consumer.collector.finish());
        problems.push(...read.consumer.collector.problems);
      }
      for (const copy of copies) problems.push(await judgeCopy(book, copy));
      guideTitle = await afterRoles(list, wanted, options.byFlag, { chosen, strangers }, sheets, problems);
    } catch (error) {
      problems.push(fileProblem(path, error));
    }
    if (thread && punchSheet && reading && punchesAt >= 0) {
      // As if read in its place: what came after a 考勤 sheet that could not be read was never read.
      const read = (await thread.outcome) ?? (await readPunchSheet(book, punchSheet, reading.calendar(), reading.year));
      if ('failed' in read) {
        problems.length = punchesAt;
        problems.push(read.failed);
        for (const role of after) sheets.delete(role);
      } else {
        problems.splice(punchesAt, 0, ...read.problems);
        punches = read.collector;
      }
    }
  } catch (error) {
    problems.push(fileProblem(path, error));
  } finally {
    thread?.cancel();
    book.close();
  }
  return { sheets, punches, problems, ...(guideTitle === undefined ? {} : { guideTitle }) };
}

/**
 * A wanted role no worksheet plays, whose name a chart or macro sheet bears: said as what that
 * sheet is (it has no rows), where "缺少工作表" would send the clerk looking for a tab they see.
 */
function notTablesForRoles(book: Workbook, wanted: ReadonlyMap<string, readonly string[]>, chosen: ReadonlyMap<string, unknown>): Problem[] {
  return [...wanted].flatMap(([role, names]) => {
    const sheet = chosen.has(role) ? undefined : book.notTables.find((s) => namesSheet(s.name, names));
    return sheet ? [problem('sheet_not_table', { file: book.file, sheet: sheet.name }, { kind: sheet.kind, role: names[0] ?? role })] : [];
  });
}

/**
 * The 说明 sheet's A1 text, if the sheet is there, visible, and starts with a text there. It is
 * no input: a sheet that cannot be read is taken as no title, never as a problem of the run.
 */
async function guideTitleOf<S>(sheet: S | undefined, head: (sheet: S) => Promise<readonly { row: number; cells: readonly unknown[] }[]>): Promise<string | undefined> {
  if (sheet === undefined) return undefined;
  const first = await head(sheet).then(
    (rows) => rows[0],
    () => undefined,
  );
  const cell = first?.row === 1 ? first.cells[0] : undefined;
  return typeof cell === 'string' ? cell : undefined;
}

/**
 * A workbook given for one role by a flag (--punches 2026-11.xlsx, a whole month workbook) is read
 * for that role's sheet alone. Its other visible sheets named as a role and holding rows as that
 * role's (人员, 请假, 设置 …) are said in one warning, not left out without a word: the clerk may
 * have meant the workbook as the input.
 */
async function otherRolesUnread<S extends { name: string }>(
  file: string,
  sheets: readonly S[],
  hidden: (sheet: S) => boolean,
  chosen: ReadonlyMap<string, S>,
  head: (sheet: S) => Promise<readonly SheetRow[]>,
  date1904: boolean,
): Promise<Problem[]> {
  const [[role, read] = []] = chosen;
  if (role === undefined || read === undefined) return [];
  const unread: string[] = [];
  for (const sheet of sheets) {
    const declared = inputSheets.find((d) => namesSheet(sheet.name, d.names));
    if (sheet === read || hidden(sheet) || !declared || declared.role === role) continue;
    const collector = new TableCollector(file, sheet.name, columnsOf(declared.role), date1904);
    for (const row of await head(sheet)) collector.add(row);
    if (holdsRowsAsRole(collector.finish(), declared.role)) unread.push(`“${sheet.name}”`);
  }
  return unread.length === 0 ? [] : [problem('flag_workbook_sheets_unread', { file }, { flag: role, read: read.name, sheets: unread.join('、') }, 'warning')];
}

/** A copy of a role's sheet read as the role's would be (its faults unsaid: it is not used), and judged. */
async function judgeCopy(book: Workbook, copy: RoleCopy<Workbook['sheets'][number]>): Promise<Problem> {
  const at = { file: book.file, sheet: copy.sheet.name };
  if (copy.hidden) return copyProblem(at, copy, null);
  const read = await book.readSheetOnce(copy.sheet, () => {
    const collector = new TableCollector(book.file, copy.sheet.name, columnsOf(copy.role), book.date1904);
    return { collector, cells: collector, keepColumn: collector.keepColumn };
  });
  return copyProblem(at, copy, read.consumer.collector.finish());
}

/**
 * A month workbook saved as legacy .xls (older Excel, WPS): the same roles, collectors and
 * hidden-sheet rule as readWorkbookTables, over the sheets SheetJS read (src/read/xls.ts).
 */
async function readSourceTables(source: SheetSource, wanted: ReadonlyMap<string, readonly string[]>, options: WorkbookReadOptions = {}): Promise<WorkbookTables> {
  const sheets = new Map<string, RawTable>();
  let punches: PunchCollector | null = null;
  const list: SheetList<SheetInfo> = { file: source.file, sheets: await source.sheets(), hidden: (s) => s.hidden, headRows: (s, count) => source.head(s.name, count), date1904: source.date1904 };
  const { chosen, copies, strangers, problems } = await chooseRoleSheets(list, wanted, options.byFlag);
  for (const [role, sheet] of chosen) {
    if (role === 'punches' && options.punches) {
      const collector = new PunchCollector(source.file, sheet.name, options.punches.calendar(), options.punches.year, source.date1904);
      await readInto(source, sheet, collector);
      collector.finish();
      punches = collector;
      continue;
    }
    const collector = new TableCollector(source.file, sheet.name, columnsOf(role), source.date1904);
    await readInto(source, sheet, collector);
    sheets.set(role, collector.finish());
    problems.push(...collector.problems);
  }
  for (const copy of copies) {
    const collector = new TableCollector(source.file, copy.sheet.name, columnsOf(copy.role), source.date1904);
    // Its rows as they stand, not through source.rows: that warns of hidden rows as read and counted, and the copy is not used.
    if (!copy.hidden) for (const row of await source.head(copy.sheet.name, Number.POSITIVE_INFINITY)) collector.add(row);
    problems.push(copyProblem({ file: source.file, sheet: copy.sheet.name }, copy, collector.finish()));
  }
  const guideTitle = await afterRoles(list, wanted, options.byFlag, { chosen, strangers }, sheets, problems);
  source.close();
  return { sheets, punches, problems: [...source.problems, ...problems], ...(guideTitle === undefined ? {} : { guideTitle }) };
}

/** Every row of a source's sheet into a collector; the source warns of hidden rows read, and the collector is told the hidden columns and the merges, as the .xlsx reader does. */
async function readInto(source: SheetSource, sheet: SheetInfo, collector: { add(row: SheetRow): unknown; readonly keepColumn: (column: number) => boolean } & HiddenParts & MergedParts): Promise<void> {
  const hiddenColumns = source.hiddenColumns?.(sheet.name);
  if (hiddenColumns && hiddenColumns.size > 0) collector.hiddenColumns?.(hiddenColumns);
  const merges = source.mergedCells?.(sheet.name);
  if (merges && merges.length > 0) collector.mergedCells?.(merges);
  await source.rows(sheet.name, (row, faults) => collector.add(withFaults(row, faults)), collector.keepColumn);
}

/** A source's row with its faults back in their cells, for collectors that report a fault only in a column they use. */
function withFaults(row: RawRow, faults: readonly RowFault[]): SheetRow {
  if (faults.length === 0) return row;
  const cells: SheetRow['cells'] = row.cells.slice();
  for (const { column, fault } of faults) cells[column] = fault;
  return { row: row.row, cells };
}
