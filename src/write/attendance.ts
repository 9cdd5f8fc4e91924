import chalk from 'chalk';
import { displayWidth } from './width.js';
import { periodChinese, type Period } from '../core/period.js';
import type { PersonAttendance } from '../derive/attendance.js';
import { correctionType, defaultLeaveWords } from '../scheme/lists.js';
import { formatLocation } from '../messages.js';
import { formatEvidence } from '../messages/attendance.js';
import { banner, BODY_FONT, table, TITLE_FONT, widthOf, type Cell, type Column } from './sheets/style.js';
import { attendanceText } from '../messages/outputs.js';

/** Leave and trip types anyone has, in the order of the exports' words, then any others by name. */
function leaveTypesUsed(people: readonly PersonAttendance[]): string[] {
  const order = [...new Set([...defaultLeaveWords.values()].map((w) => w.type))];
  const used = [...new Set(people.flatMap((p) => Object.keys(p.leaveDays)))].filter((t) => t !== correctionType);
  const rank = (t: string) => (order.includes(t) ? order.indexOf(t) : order.length);
  return used.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Columns always shown in the terminal (up to 缺卡); the rest only when someone has a value, and 全勤. */
const ALWAYS_SHOWN = 12;

function columnsFor(people: readonly PersonAttendance[]): { columns: Column[]; row: (p: PersonAttendance) => Cell[] } {
  const types = leaveTypesUsed(people);
  const columns: Column[] = [
    { header: '工号', kind: 'id', width: 8 },
    { header: '姓名', kind: 'name', width: 10 },
    { header: '窗口', kind: 'name', width: 16 },
    { header: '应出勤天数', kind: 'count', width: 8 },
    { header: '出勤天数', kind: 'count', width: 8 },
    { header: '迟到', kind: 'count', width: 6 },
    { header: '迟到分钟', kind: 'count', width: 8 },
    { header: '早退', kind: 'count', width: 6 },
    { header: '早退分钟', kind: 'count', width: 8 },
    { header: '旷工天数', kind: 'count', width: 8 },
    { header: '旷工次数', kind: 'count', width: 8 },
    { header: '缺卡', kind: 'count', width: 6 },
    ...types.map((t): Column => ({ header: `${t}天数`, kind: 'count', width: 8 })),
    { header: '补签次数', kind: 'count', width: 8 },
    { header: '无数据天数', kind: 'count', width: 8 },
    { header: '全勤', kind: 'name', width: 6 },
  ];
  const row = (p: PersonAttendance): Cell[] => [
    p.personId,
    p.name,
    p.unit,
    p.workingDays,
    p.presentDays,
    p.late,
    p.lateMinutes,
    p.early,
    p.earlyMinutes,
    p.absentHalfDays / 2,
    p.absentDays,
    p.missingPunches,
    ...types.map((t) => p.leaveDays[t] ?? 0),
    p.leaveDays[correctionType] ?? 0,
    p.noDataDays,
    p.fullAttendanceBroken === null ? '全勤' : '',
  ];
  return { columns, row };
}

/** "考勤数据只覆盖…；无数据的工作日：…" under the summary, when some days had no data. */
function noDataNote(people: readonly PersonAttendance[]): string | null {
  const notes = [...new Set(people.flatMap((p) => p.events.filter((e) => e.kind === 'no_data').map((e) => formatEvidence(e.evidence))))];
  return notes.length === 0 ? null : attendanceText.noDataNote(notes);
}

/** The notes under a summary: the days without data, and why 旷工天数 and 旷工次数 differ. */
function notesFor(people: readonly PersonAttendance[]): string[] {
  const noData = noDataNote(people);
  const absent = people.some((p) => p.absentHalfDays > 0);
  return [...(noData ? [noData] : []), ...(absent ? [`注：${attendanceText.absenceNote}`] : [])];
}

/** The attendance summary as header and rows, for CSV output. */
export function attendanceTable(people: readonly PersonAttendance[]): { header: string[]; rows: Cell[][] } {
  const { columns, row } = columnsFor(people);
  return { header: columns.map((c) => c.header), rows: people.map(row) };
}

/** The monthly attendance summary for the terminal. */
export function renderAttendance(people: readonly PersonAttendance[], period: Period): string {
  const { columns, row } = columnsFor(people);
  const header = columns.map((c) => c.header);
  const used = header.map((_, i) => i < ALWAYS_SHOWN || i === header.length - 1 || people.some((p) => row(p)[i] !== 0));
  const keep = <T>(cells: T[]) => cells.filter((_, i) => used[i]);
  const shownHeader = keep(header);
  const rows = people.map((p) => keep(row(p)).map(String));
  const w = shownHeader.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 ? ' '.repeat(Math.max(0, (w[i] ?? 0) - displayWidth(c))) + c : c + ' '.repeat(Math.max(0, (w[i] ?? 0) - displayWidth(c))))).join('  ').trimEnd();
  const notes = notesFor(people);
  return [chalk.bold(`${periodChinese(period)}考勤汇总`), chalk.bold(line(shownHeader)), ...rows.map(line), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/** `attendance -o`: the month in one line (the file holds each person's row). */
export function renderAttendanceSummary(people: readonly PersonAttendance[], period: Period): string {
  const sum = (count: (p: PersonAttendance) => number) => people.reduce((n, p) => n + count(p), 0);
  const full = people.filter((p) => p.fullAttendanceBroken === null).length;
  return attendanceText.summary(periodChinese(period), { people: people.length, late: sum((p) => p.late), early: sum((p) => p.early), absentDays: sum((p) => p.absentHalfDays) / 2, missing: sum((p) => p.missingPunches), full });
}

/** 考勤汇总 (for posting) and 考勤明细 (each late, early leave, absence and 缺卡 with its punches). */
export async function attendanceWorkbook(people: readonly PersonAttendance[], period: Period, centre: string): Promise<Buffer> {
  // The workbook writer (exceljs) is loaded only when a workbook is written, not for the terminal.
  const { Book } = await import('./book.js');
  const book = new Book();
  const { columns, row } = columnsFor(people);
  const width = widthOf(columns);
  const summary = book.sheet('考勤汇总', { views: [{ state: 'frozen', ySplit: 2 }], titleRows: '2:2', landscape: true });
  banner(summary, `${centre}${periodChinese(period)}考勤汇总`, { font: TITLE_FONT, align: 'center', span: columns.length, width, height: 30 });
  await table(summary, columns, people.map(row));
  summary.addRow([]);
  for (const note of notesFor(people)) banner(summary, note, { font: BODY_FONT, align: 'left', span: columns.length, width });

  const detail = book.sheet('考勤明细', { views: [{ state: 'frozen', ySplit: 1 }], titleRows: '1:1', landscape: true });
  const kinds = { late: '迟到', early: '早退', absent_half_day: '旷工半天', absent_day: '旷工（按天）', missing_punch: '缺卡', no_data: '无考勤数据' } as const;
  await table(
    detail,
    [
      { header: '工号', kind: 'id', width: 8 },
      { header: '姓名', kind: 'name', width: 10 },
      { header: '日期', kind: 'date', width: 11 },
      { header: '情况', kind: 'name', width: 10 },
      { header: '分钟', kind: 'count', width: 6 },
      { header: '依据', kind: 'text', width: 50 },
      { header: '来源', kind: 'text', width: 36 },
    ],
    people.flatMap((p) => p.events.filter((e) => e.kind !== 'absent_day').map((e) => [p.personId, p.name, e.date, kinds[e.kind], e.minutes ?? '', formatEvidence(e.evidence), formatLocation(e.at)])),
    'each',
  );
  return await book.bytes();
}
