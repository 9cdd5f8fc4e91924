import { addDays } from '../calendar/calendar.js';
import { clock } from '../calendar/hours.js';
import { shortChineseDate, type DateRange, type IsoDate } from '../core/dates.js';
import type { AbsenceReason, Earliness, Evidence, FullAttendanceBreak, HalfName, Lateness } from '../core/evidence.js';

/** The words of derived attendance facts (src/derive): why a day was late, early, absent or without data. */

/** "08:01 > 08:00（宽限5分钟） → 迟到1分钟" */
function lateText(l: Omit<Lateness, 'date' | 'session'>): string {
  const corrected = l.corrected ? '（补签只补下班打卡，不免迟到）' : '';
  return `首次打卡 ${clock(l.punch)} > ${clock(l.due)}${grace(l.grace)} → 迟到${lengthText(l.punch - l.due, l.minutes)}${corrected}`;
}

function earlyText(e: Omit<Earliness, 'date' | 'session'>): string {
  const length = e.flexible ? `（到岗 ${clock(e.flexible.arrival)} + ${e.flexible.length / 3600}小时）` : '';
  const corrected = e.corrected ? '（补签只补上班打卡，不免早退）' : '';
  return `末次打卡 ${clock(e.punch)} < ${clock(e.due)}${length}${grace(e.grace)} → 早退${lengthText(e.due - e.punch, e.minutes)}${corrected}`;
}

/**
 * A lateness (or earliness) as long as it was: "7分钟", or "29分59秒（计30分钟）" when not whole
 * minutes, so that beside a rule of 30分钟以上 (measured to the second) the minutes counted,
 * rounded up, cannot read as the threshold reached.
 */
function lengthText(seconds: number, minutes: number): string {
  return seconds % 60 === 0 ? `${minutes}分钟` : `${Math.floor(seconds / 60)}分${seconds % 60}秒（计${minutes}分钟）`;
}

const grace = (seconds: number) => (seconds > 0 ? `（宽限${seconds / 60}分钟）` : '');

/** 上午 / 下午 (the sessions in each half), or 上半天 / 下半天 of a one-session day. */
function halfText(h: HalfName): string {
  if (h.sessions.length === 0) return h.half === 0 ? '上半天' : '下半天';
  return h.sessions.join('、');
}

function reasonText(r: AbsenceReason): string {
  switch (r.code) {
    case 'no_punch':
      return r.notExcused.length === 0 ? '无打卡、无请假' : `无打卡、无请假（“${r.notExcused.join('、')}”按本方案不作请假）`;
    case 'arrived_after_end':
      return `首次打卡 ${clock(r.punch)} 已过 ${clock(r.end)}，未到岗`;
    case 'left_before_start':
      return `末次打卡 ${clock(r.punch)} 早于 ${clock(r.start)}，未在岗`;
    case 'late_over':
      return `${lateText(r)}，${r.threshold}分钟以上按旷工半天`;
    case 'early_over':
      return `${earlyText(r)}，${r.threshold}分钟以上按旷工半天`;
  }
}

/** "11月1日、11月9日至11月30日": days before and after the covered range, as runs. */
export function daysOutside(dates: readonly IsoDate[], covered: DateRange): string {
  const runs = [dates.filter((d) => d < covered.first), dates.filter((d) => d > covered.last)].filter((run) => run.length > 0);
  return runs.map((run) => daySpanText(run[0]!, run[run.length - 1]!)).join('、');
}

/** "10月5日" or "10月5日至10月9日". */
export function daySpanText(first: IsoDate, last: IsoDate): string {
  return first === last ? shortChineseDate(first) : `${shortChineseDate(first)}至${shortChineseDate(last)}`;
}

/** Sorted days as runs of consecutive ones: "11月16日至11月20日、11月23日". */
export function dayRunsText(days: readonly IsoDate[]): string {
  const runs: [IsoDate, IsoDate][] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && addDays(last[1], 1) === day) last[1] = day;
    else runs.push([day, day]);
  }
  return runs.map(([a, b]) => daySpanText(a, b)).join('、');
}

/** "11月3日 下午 只有上班打卡 13:55，缺下班打卡" */
function missingPunchText(e: Extract<Evidence, { code: 'missing_punch' }>): string {
  const text = e.side === 'in_only' ? `只有上班打卡 ${clock(e.punch)}，缺下班打卡` : e.side === 'out_only' ? `只有下班打卡 ${clock(e.punch)}，缺上班打卡` : `打卡 ${clock(e.punch)} 无法判断上下班`;
  return `${shortChineseDate(e.date)} ${e.session ?? '全天'} ${text}`;
}

/** "11月3日 上午 首次打卡 08:07 > 08:00 → 迟到7分钟" */
export function formatEvidence(e: Evidence): string {
  switch (e.code) {
    case 'late':
      return `${shortChineseDate(e.date)} ${e.session} ${lateText(e)}`;
    case 'early':
      return `${shortChineseDate(e.date)} ${e.session} ${earlyText(e)}`;
    case 'missing_punch':
      return `${missingPunchText(e)} → 缺卡（请核实，补签单可免）`;
    case 'absent_half_day':
      return `${shortChineseDate(e.date)} ${halfText(e.half)} ${e.reasons.map(reasonText).join('；')} → 旷工半天`;
    case 'absent_day':
      return `${shortChineseDate(e.date)} ${e.halves.map(halfText).join('、')} 旷工${e.reasons ? `（${e.reasons.map(reasonText).join('；')}）` : ''} → ${e.halves.length === 2 ? '旷工1天' : '旷工半天，当天按1次计'}`;
    case 'no_data':
      return `${daysOutside(e.days, e.covered)}（${e.days.length}个工作日）无考勤数据：考勤只覆盖${shortChineseDate(e.covered.first)}至${shortChineseDate(e.covered.last)} → 不计出勤，也不计旷工`;
    case 'full_attendance':
      return `全勤：${e.workingDays}个工作日均按时打卡，无迟到、早退、缺卡、请假，且无违纪记录 → 全勤加分`;
    case 'full_attendance_missed':
      return `未加全勤分：${brokenText(e.broken)}`;
  }
}

/** What first broke full attendance (the first is named; there may be more). */
function brokenText(b: FullAttendanceBreak): string {
  switch (b.code) {
    case 'attendance':
      // A 缺卡 scores nothing, yet without a 补签 the day was not fully attended.
      return b.evidence.code === 'missing_punch' ? `${missingPunchText(b.evidence)} → 缺卡（未补签）` : formatEvidence(b.evidence);
    case 'leave':
      return `${shortChineseDate(b.date)} ${halfText({ half: b.half, sessions: [] })} ${b.type}（请假不算全勤）`;
    case 'deduction':
      return `${shortChineseDate(b.date)} 有违纪记录“${b.rule}”（${b.at.sheet ?? b.at.file}${b.at.row === undefined ? '' : ` 第${b.at.row}行`}），不是“无任何违纪”`;
    case 'no_working_days':
      return '本期在岗期间没有应出勤的工作日';
  }
}
