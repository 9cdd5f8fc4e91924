import type { Seconds } from '../calendar/hours.js';
import type { IsoDate } from '../core/dates.js';
import type { Problem, SourceLocation } from '../core/problems.js';
import { columnLetter } from '../read/table.js';
import type { LeaveSpan } from './leave-text.js';
import type { VerdictKind } from './profile.js';

/**
 * What the import of exports gathers, before it is written as the template's sheets: the
 * people the export names, their punches, the platform's corrections, leave, stated shifts
 * and rest days, its own verdicts, and the range of days it speaks for.
 */

/** A person as the export names them; ids as written (leading zeros kept), name without notes. */
export interface ExportPerson {
  key: string;
  id: string;
  clockId: string;
  name: string;
  /** The name cell as written ("张三（已离职）"), for messages. */
  written: string;
  unit: string;
  /** Punches read for this person (from the punch source only). */
  punches: number;
  /** Where the person first appears. */
  at: SourceLocation;
  /** Every unit seen for a name-only person: two means two people share the name. */
  units: Set<string>;
  /** Where the name was first read, when the person first appeared without one (else at). */
  namedAt: SourceLocation | null;
}

/** A sheet punches were read from; a punch's location is made from it only when a message needs it. */
export interface PunchSheet {
  file: string;
  sheet: string;
  /** Column index → its header as the export writes it. */
  headers: readonly string[];
}

/** A month of a city is ~170,000 punches: each keeps its row and column, not a location object. */
export interface ExportPunch {
  person: string;
  date: IsoDate;
  at: Seconds;
  /**
   * 上班 or 下班 when the export says so (a slot 上班2/下班2, a grid's 上班/下班 column, WeCom's
   * 打卡类型): the side the day is judged by. Null where it says nothing (a log, one cell of
   * times): a session's first punch is its arrival and its last its departure, a lone punch
   * goes by the nearer boundary (src/derive/day.ts sidesOf).
   */
  role: 'in' | 'out' | null;
  /**
   * The scheduled time the platform matched the punch to, where the row states it but not its
   * side (DingTalk 原始记录 考勤时间): the side is read from it once the day's shift is known.
   */
  scheduled?: Seconds;
  sheet: PunchSheet;
  row: number;
  column: number;
}

export function punchLocation(p: Pick<ExportPunch, 'sheet' | 'row' | 'column'>): SourceLocation {
  const header = p.sheet.headers[p.column] ?? '';
  return { file: p.sheet.file, sheet: p.sheet.sheet, row: p.row, ...(header ? { column: header } : {}), columnLetter: columnLetter(p.column) };
}

/** An approved correction (补卡审批通过) or an overruled verdict (管理员…改为正常): 补签 for that half day. */
export interface ExportCorrection {
  person: string;
  date: IsoDate;
  /** The corrected time, or null when only the slot's role is known. */
  at: Seconds | null;
  role: 'in' | 'out' | null;
  /** Which in/out pair of the day (上班2/下班2 → 1) when the export's slots say so. */
  pair: number | null;
  /** The marker as the export wrote it. */
  text: string;
  where: SourceLocation;
}

/** Leave as the export states it (the type as written: 事假, 年假, 调休 …; the scheme decides what it excuses). */
export interface ExportLeave extends LeaveSpan {
  person: string;
  reason: string;
  where: SourceLocation;
}

/** A stated shift ("08:00-11:30,14:00-17:30") or 休息 for one person-day. */
export interface ExportShift {
  person: string;
  date: IsoDate;
  shift: string;
  where: SourceLocation;
}

/** The platform's own verdict: on a day (F2 results, F6 cells) or a count over the range (F5). */
export interface ExportVerdict {
  person: string;
  date: IsoDate | null;
  kind: VerdictKind;
  count: number;
  text: string;
  where: SourceLocation;
}

export interface CoveredRange {
  first: IsoDate;
  last: IsoDate;
  /** The title block said so, or it is the first and last day with punches. */
  from: 'title' | 'punches';
  where: SourceLocation;
}

/** One sheet recognised, and what it was used for. */
export interface Recognition {
  file: string;
  sheet: string;
  profile: { id: string; name: string; family: string };
  headerRow: number;
  /**
   * skipped: recognised so it is not misread, but not read (a schedule grid). anomalies: rows
   * only on anomaly days (ZKTeco 异常统计), read for the platform's verdicts, never for punches.
   */
  use: 'punches' | 'extras' | 'skipped' | 'anomalies';
  /** The sheet holds punches too, but they were taken from this sheet of the same file. */
  punchesFrom?: string;
  /** The layout holds one clock-in and one clock-out a person-day (a hand grid of 上班/下班 columns). */
  twoPunchesADay?: boolean;
}

export interface ImportData {
  people: Map<string, ExportPerson>;
  /** The people's number keys by the number without leading zeros or case ("id:12" → id:0012, id:12): a number met in another form is looked up here. */
  peopleByNumber: Map<string, string[]>;
  punches: ExportPunch[];
  corrections: ExportCorrection[];
  leaves: ExportLeave[];
  shifts: ExportShift[];
  verdicts: ExportVerdict[];
  /** Person → day (null: the whole range, a summary row) → the kinds of verdict a row of the platform could give there. */
  spoken: Map<string, Map<IsoDate | null, Set<VerdictKind>>>;
  covered: CoveredRange | null;
  /** Each punch sheet's range (its title's, its file's title's, else its first to last day) and the people it holds: a person's days are those of the sheets holding them. */
  sources: { range: CoveredRange; people: ReadonlySet<string> }[];
  recognised: Recognition[];
  /** Counts said on screen: discarded punches, rows outside the period, stated shifts without times, identical rows skipped. */
  counts: { invalid: number; outside: number; corrections: number; shiftsWithoutTimes: number; repeatedRows: number };
  /** A file named again (--punches and --leave the same report, or a name typed twice), read once: as named, and as named first. */
  givenTwice: { file: string; earlier: string }[];
  problems: Problem[];
  /** People the export holds nothing of in the period (keepPeriod), set aside: a namesake among them makes a join by name a guess. */
  setAside?: readonly ExportPerson[];
}

/** A person as the export writes them, for a message: 张三（0012）, or the one the export has. */
export function describePerson(p: ExportPerson): string {
  const number = p.id || p.clockId;
  const name = p.written || p.name;
  return number && name ? `${name}（${number}）` : number || name;
}

export function emptyImport(): ImportData {
  return {
    people: new Map(),
    peopleByNumber: new Map(),
    punches: [],
    corrections: [],
    leaves: [],
    shifts: [],
    verdicts: [],
    spoken: new Map(),
    covered: null,
    sources: [],
    recognised: [],
    counts: { invalid: 0, outside: 0, corrections: 0, shiftsWithoutTimes: 0, repeatedRows: 0 },
    givenTwice: [],
    problems: [],
  };
}
