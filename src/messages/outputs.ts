import { format, type Hundredths } from '../core/decimal.js';
import { awardTieAtBoundary, quotaPendingWord, shortLabel } from '../messages.js';
import type { EngineWarning } from '../score/result.js';
import { recordCountText } from './terminal.js';

/**
 * The words written into outputs (src/write) and the summaries printed when a result goes to a
 * file: notices (公示), audit explanations, attendance notes, the year list's notes, and what
 * each command can write.
 */

/** A 考核奖 left blank under the 得分表 or year list, in the warnings and the terminal: whose, and the flags that withhold part of it. */
export const moneyByHandText = (p: { id: string; name: string; flags: readonly string[] }) =>
  `${p.name}（工号 ${p.id}）有“${p.flags.join('”“')}”标注，考核奖(元)一栏留空：金额须按规定人工核定`;

export const moneyNegativeText = (p: { id: string; name: string; total: string; money: string }) =>
  `${p.name}（工号 ${p.id}）总分为负（${p.total}分），考核奖按每分分值折合为 ${p.money} 元：原文对负分只规定通报批评，未规定是否倒扣，由班子会决定`;

/** What each command can write, by the output's extension. */
export const outputFormatText = {
  score: { '.xlsx': '得分表、公示、扣分明细、说明工作簿', '.csv': '得分表', '.json': '与 --json 相同的结果' },
  notice: { '.xlsx': '公示工作簿' },
  attendance: { '.xlsx': '考勤汇总、考勤明细工作簿', '.csv': '考勤汇总' },
  year: { '.xlsx': '年度考核表、等次公示、标注明细、说明工作簿', '.csv': '年度考核表', '.json': '与 --json 相同的结果' },
  template: { '.xlsx': '考核工作簿' },
  import: { '.xlsx': '考核工作簿（人员、记录、考勤、请假、班次、设置）' },
} as const;

// ── A unit's flag (部门通报批评) beside a table of persons: terminal, 得分表, 公示, CSV, the year's lists ──

/** A unit total a unit flag was raised on, and the period's short label in a year ('' in a month). */
export interface UnitTotal {
  period: string;
  total: Hundredths;
}

/** "（部门合计 -2）"; a year's "（3月部门合计 -2、5月部门合计 -1）". */
const unitTotalsText = (totals: readonly UnitTotal[]) => `（${totals.map((t) => `${t.period}部门合计 ${format(t.total)}`).join('、')}）`;

/**
 * A flag a person scheme raises on a unit (unit_total_below), with the unit's totals it was
 * raised on. `flag` is the flag as the output words it: its name, or its public wording on a
 * notice.
 */
export const unitFlagText = {
  /** A line after the table of persons: "部门通报批评：民政（部门合计 -2）", a year's "部门通报批评：民政（3月部门合计 -2、5月部门合计 -1）". */
  line: (flag: string, unit: string, totals: readonly UnitTotal[]) => `${flag}：${unit}${unitTotalsText(totals)}`,
  /** The CSV's column beside 标注, on the rows of the unit's persons: "部门通报批评（部门合计 -2）". */
  header: '部门标注',
  cell: (flag: string, totals: readonly UnitTotal[]) => `${flag}${unitTotalsText(totals)}`,
  /** Why, on the year's 标注明细: "2026-03 考核结果（部门合计 -2）". */
  because: (period: string, total: Hundredths) => `${period} 考核结果${unitTotalsText([{ period: '', total }])}`,
} as const;

// ── 公示 (write/sheets/notice.ts and the year's 等次公示) ───────────────────────────────────────

export const noticeText = {
  summaryHeader: '扣分、加分情况',
  /** The year's standing column when a period had grades. */
  gradesAndAwardsHeader: '等次、奖项',
  /** `unitLabel`: what the scheme calls a unit (窗口, 科室). */
  periodTitle: (centre: string, when: string, personal: boolean, unitLabel: string) => `${centre}${when}${personal ? '工作人员' : unitLabel}考核结果公示`,
  periodIntro: (scheme: string, when: string) => `根据《${scheme}》，经综合考评，现将${when}考核结果公示如下：`,
  yearTitle: (centre: string, year: number) => `${centre}${year}年度考核结果公示`,
  yearIntro: (scheme: string, year: number) => `根据《${scheme}》，现将${year}年度考核结果公示如下：`,
  /** An award tied past its places: the committee decides. */
  awardTie: (w: Extract<EngineWarning, { code: 'award_tie' }>) =>
    awardTieAtBoundary(w) !== null
      ? `${w.award}第${awardTieAtBoundary(w)}名并列，共${w.winners}个，超过名额${w.top}个，由${w.decidedBy}研究确定。`
      : `${w.award}按中国式排名前${w.top}名共${w.winners}个，超过名额${w.top}个，第${w.ranks.join('、')}名按个数排到名额边界或名额之外${w.marked > 0 ? '（并列的标注“并列”）' : ''}，由${w.decidedBy}研究确定。`,
  /** A grade tied at its quota (convention 9), in the grade column until the committee rules: 优秀并列待定. */
  quotaPending: quotaPendingWord,
  /** That tie under the table, counted (no 工号 on a notice); `when` names the period on the year's notice. */
  quotaTie: (when: string, grade: string, quota: number, tied: number, places: number, decidedBy: string) =>
    `${when}${grade}名额${quota}个，名额处${tied}人并列争${places}个名额，标注“${quotaPendingWord(grade)}”，由${decidedBy}研究确定。`,
  noticePeriod: (first: string, last: string, days: number, weekdaysOnly: boolean, office: string) =>
    `公示期：${first}至${last}（${days}个工作日${weekdaysOnly ? '，该年节假日安排未收录，按周一至周五计' : ''}）。如有异议，请在公示期内向${office || '考核组织部门'}反映。`,
  phone: (phone: string) => `联系电话：${phone}`,
} as const;

// ── 扣分明细 (write/sheets/audit.ts) ──────────────────────────────────────────────────────────

/**
 * A mean turned into points as a reader redoes it from the printed figures: "594.62 ÷ 7 × 10/100".
 * Never the rounded mean × points: 84.95 × 10/100 gives 8.50, the exact 84.9457… gives 8.49
 * (rounded once, convention 11).
 */
function meanConversion(sum: string, count: string, points: Hundredths, scale: Hundredths): string {
  return `${sum} ÷ ${count} × ${format(points)}/${format(scale)}`;
}

/** The peer rating's points and the monthly mean's, worded alike in the audit and `kaohe explain`. */
export const meanText = {
  peer: (n: number, sum: Hundredths, points: Hundredths, scale: Hundredths, result: Hundredths) =>
    `${n}个评分：合计 ${meanConversion(format(sum), String(n), points, scale)} = ${format(result)}（自评不计，四舍五入到0.01）`,
  monthly: (months: number, sum: Hundredths, points: Hundredths, scale: Hundredths, result: Hundredths) =>
    `${months}个月基本分（不含附加分）：合计 ${meanConversion(format(sum), String(months), points, scale)} = ${format(result)}（四舍五入到0.01）`,
} as const;

/** In a 扣分/加分 summary: after the peer item's loss when it had no ratings (窗口互评 -10（缺互评）). */
export const breakdownText = {
  peerMissing: '（缺互评）',
} as const;

export const auditText = {
  peerMissing: '没有互评分数，按0分计（--allow-missing-peer）',
  /** A row that goes on listing a subject's peer ratings: which of them it holds. */
  peerContinued: (first: number, last: number, n: number) => `续：第${first}至${last}个评分（共${n}个）`,
  /** Attendance facts the scheme does not score, listed for follow-up: what, and why. */
  noData: ['无考勤数据（不计旷工）', '考勤导出未覆盖这些工作日，既不计出勤也不计旷工'],
  missingPunch: ['缺卡（未计分）', '本方案不对缺卡计分，请核实是否补签'],
} as const;

// ── 说明 (write/sheets/about.ts) ──────────────────────────────────────────────────────────────

/** A 设置 row of the input, on the 说明 sheet. */
export const settingLabel = (key: string) => `设置：${key}`;

export const aboutText = {
  /** A flag that changed a number or the notice: its name, what it stands for, and that it came from the command line. */
  flagLabel: (flag: string) => `命令行：${flag}`,
  flagValue: (value: string, key: string) => `${value}（${key}，命令行指定，优先于设置）`,
  flagFile: (name: string, what: string) => `${name}（${what}，命令行指定）`,
  calendar: '节假日日历文件',
  hoursLabel: '作息时间（本次采用）',
  /** "夏季（5月1日起）08:00-12:00、14:00-17:30；…；迟到宽限5分钟（命令行 --hours；其余按方案）". */
  hours: (seasons: readonly { name: string; from: string | null; sessions: readonly string[] }[], graceMinutes: readonly number[], sources: readonly string[]) => {
    const days = seasons.map((s) => `${s.name}${s.from ? `（${Number(s.from.slice(0, 2))}月${Number(s.from.slice(3))}日起）` : ''}${s.sessions.join('、')}`).join('；');
    const grace = graceMinutes.length === 1 ? `迟到宽限${graceMinutes[0]}分钟` : `迟到宽限按时段${graceMinutes.join('、')}分钟`;
    return `${days}；${grace}（${sources.join('、')}；其余按方案）`;
  },
  hoursFromFlag: (flag: string) => `命令行 ${flag}`,
  hoursFromSetting: (key: string) => `设置 ${key}`,
};

// ── Attendance (write/attendance.ts) ──────────────────────────────────────────────────────────

export const attendanceText = {
  /**
   * Half days add up to days (two half days and two whole days are 3 days); a rule that counts
   * occurrences counts each day with an absence once (schemes.md convention 10). Both are shown,
   * so 1.5 days beside 2 counted absences never look at odds.
   */
  absenceNote: '旷工天数：缺勤半天记0.5天，累计相加；旷工次数：某天上午或下午无故缺勤即记1次，整天缺勤也记1次。按次扣分的方案（如每次旷工扣2分）以旷工次数为准。',
  noDataNote: (notes: readonly string[]) => `说明：${notes.join('；')}`,
  summary: (when: string, counts: { people: number; late: number; early: number; absentDays: number; missing: number; full: number }) =>
    `${when}考勤汇总：${counts.people}人；迟到${counts.late}次，早退${counts.early}次，旷工${counts.absentDays}天，缺卡${counts.missing}次；全勤${counts.full}人。`,
} as const;

// ── Terminal summaries of a result written to a file (write/terminal.ts, write/year.ts) ────────

export const summaryText = {
  standingHeader: '奖项、等次',
  topHeading: '排名靠前的：',
  flagged: (count: number, named: readonly string[], more: boolean) => `有标注的${count}个：${named.join('、')}${more ? ' 等' : ''}`,
  /** "；最高106.5分，最低88分" */
  range: (highest: Hundredths, lowest: Hundredths) => `；最高${format(highest)}分，最低${format(lowest)}分`,
  periodCounts: (subjects: number, records: number, sameAsDerived: number, range: string) => `${subjects}个考核对象，${recordCountText(records, sameAsDerived)}${range}。`,
  yearCounts: (subjects: number, periods: number) => `${subjects}个考核对象，${periods}个考核期。`,
} as const;

// ── The year (write/year.ts) ──────────────────────────────────────────────────────────────────

export const yearText = {
  /** Said on every output of a --partial run. */
  missing: (missing: readonly string[], present: readonly string[]) => `本年度缺少 ${missing.map(shortLabel).join('、')} 的考核结果，以上按已有的 ${present.map(shortLabel).join('、')} 汇总`,
  /** How an annual scheme's total is made, under the list. */
  annualConversion: (item: string, points: Hundredths, scale: Hundredths) => `${item} = ${meanConversion('月度合计', '月数', points, scale)}（四舍五入到0.01）；`,
  /** The prorated column's header, on the year list and the 等次公示. */
  proratedHeader: '折合全年',
  /** How the prorated figure is made and what compares it, under the list and the notice. */
  proratedNote: (whole: number, kind: 'month' | 'half', below: readonly Hundredths[]) =>
    `折合全年 = 全年 × ${whole} ÷ 在岗${kind === 'half' ? '半年数' : '月数'}（四舍五入到0.01），不满一年的人按此与全年在岗的人比较：名次${below.length > 0 ? `和${below.map((b) => `“低于${format(b)}分”`).join('、')}的标注` : ''}都按折合全年。`,
  /** The terminal summary's total of a prorated subject: "40（折合全年96）". */
  proratedTotal: (total: Hundredths, comparable: Hundredths) => `${format(total)}（折合全年${format(comparable)}）`,
  /** The columns of the monthly sum an annual scheme converts, on the year list and 各月基本分. */
  monthlySumHeader: '月度合计',
  monthsHeader: '月数',
  annualNote: (conversion: string, base: Hundredths) => `月度合计为各月基本分（不含附加分，见“各月基本分”表）之和；${conversion}全年 = ${format(base)} − 扣分 + 加分。`,
} as const;

// ── year --each (commands/batch.ts) ───────────────────────────────────────────────────────────

/** A centre that was scored: 已完成, with the months --partial left out and how many warnings its 问题 rows hold. */
export function centreDoneStatus(missing: readonly string[], warnings: number): string {
  const notes = [...(missing.length > 0 ? [`缺少 ${missing.map(shortLabel).join('、')}`] : []), ...(warnings > 0 ? [`${warnings}条提示，见“问题”表`] : [])];
  return notes.length === 0 ? '已完成' : `已完成（${notes.join('；')}）`;
}

/** A centre of the summary workbook that could not be scored. */
export const centreFailedStatus = (problems: number) => `有${problems}处问题，未计分`;

/** Under the summary when a centre ranks a part-year person by 折合全年: what 最高分 and 最低分 are. */
export const summaryProratedNote = '注：最高分、最低分按各中心排名所用的分数：在岗不满一年的人按折合全年（见各中心年度考核表）。';
