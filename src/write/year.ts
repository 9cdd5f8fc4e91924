import chalk from 'chalk';
import { displayWidth } from './width.js';
import { format, toNumber, type Hundredths } from '../core/decimal.js';
import { formatFlag, formatLocation, formatProblem, formatYearFlag, formatYearFlagBecause, shortLabel, yearWarnings } from '../messages.js';
import type { Problem } from '../core/problems.js';
import type { SubjectResult } from '../score/result.js';
import { isProrated, type PeriodEntry, type YearResult, type YearRow } from '../score/year.js';
import { awardLabel } from './json.js';
import { renderSummary } from './terminal.js';
import { moneyUnder, yearBonusFlags, yearMoneyNotes } from './money.js';
import { Book } from './book.js';
import { publicUnitLines, publicYearRows } from './public.js';
import { unitFlagLines, unitFlagName, withUnitFlagColumn, yearUnitFlags } from './summary.js';
import type { RunInfo } from './run-info.js';
import { assumptionRows } from './sheets/about.js';
import { addAuditSheet } from './sheets/audit.js';
import { addNotice, quotaTieNote } from './sheets/notice.js';
import { ABOUT_SHEET, addAboutRows, banner, linesBelow, table, TITLE_FONT, widthOf, type Cell, type Column } from './sheets/style.js';
import { noticeText, summaryText, unitFlagText, yearText } from '../messages/outputs.js';
import { resultSheetNames } from '../core/input-sheets.js';

function flagText(row: YearRow): string {
  return [...new Set(row.flags.map((f) => (f.note ? `${formatYearFlag(f)}（${f.note}）` : formatYearFlag(f))))].join('、');
}

function flagNamesOf(row: YearRow): string[] {
  return [...new Set(row.flags.map(formatYearFlag))];
}

/** "缺少 11月、12月": said on every output of a --partial run. */
export function missingText(result: YearResult): string {
  return result.missing.length === 0 ? '' : yearText.missing(result.missing, result.labels);
}

/**
 * How a prorated year is compared (折合全年 = 全年 × 期数 ÷ 在岗期数, what rank and the year's
 * score lines use), said wherever 折合全年 is shown; '' when no one is prorated.
 */
export function proratedNote(result: YearResult): string {
  if (!isProrated(result)) return '';
  const below = [...new Set((result.scheme.year?.flags ?? []).map((f) => f.totalBelow))];
  return yearText.proratedNote(result.labels.length + result.missing.length, result.labels[0]?.includes('H') ? 'half' : 'month', below);
}

/**
 * A subject's monthly base scores summed, and how many months: what its 月度考核 converts (sum ÷
 * months × points/scale, rounded once, convention 11), printed so that it can be redone by hand.
 */
function monthlySum(subject: SubjectResult | undefined): { sum: Hundredths; months: number } | null {
  const c = subject?.items.find((it) => it.component?.code === 'monthly')?.component;
  if (c?.code !== 'monthly' || c.months.length === 0) return null;
  return { sum: c.sum, months: c.months.length };
}

/**
 * A period's figure as the year takes it: an annual scheme's 月度考核 averages the months' base
 * scores (bonus excluded); a year that sums or averages its periods takes their totals.
 */
const periodFigure = (result: YearResult, period: PeriodEntry): Hundredths => (result.annual ? period.base : period.total);

/**
 * The year list's columns: one per period (and its grade when the scheme grades periods); for an
 * annual scheme the mean of the monthly base scores and every component of the year's total
 * (月度考核 converted to its points, each committee mark, year deductions, bonus), with each
 * month's base score too unless `months` is false (the workbook lists them on a sheet of their own).
 */
function yearColumns(result: YearResult, pointValue: Hundredths | null, months = true): { columns: Column[]; rows: Cell[][] } {
  const personal = result.scheme.subject === 'person';
  const graded = result.rows.some((r) => r.periods.some((p) => p?.grade));
  const annual = result.annual;
  const items = annual ? annual.scheme.items.filter((it) => it.type !== 'veto') : [];
  const totals = result.rows.some((r) => r.total !== null);
  const prorated = isProrated(result);
  const columns: Column[] = [
    { header: '名次', kind: 'rank', width: 6 },
    ...(personal ? ([{ header: '工号', kind: 'id', width: 9 }, { header: '姓名', kind: 'name', width: 10 }, { header: result.scheme.unitLabel, kind: 'name', width: 14 }] as const) : ([{ header: result.scheme.unitLabel, kind: 'name', width: 16 }] as const)),
    ...(annual && !months ? [] : result.labels).flatMap((l): Column[] => [
      { header: annual ? `${shortLabel(l)}基本分` : shortLabel(l), kind: 'score', width: annual ? 8 : 7 },
      ...(graded ? [{ header: `${shortLabel(l)}等次`, kind: 'name', width: 8 } as const] : []),
    ]),
    ...result.halfLabels.map((h): Column => ({ header: shortLabel(h), kind: 'score', width: 8 })),
    ...(annual ? ([{ header: yearText.monthlySumHeader, kind: 'score', width: 9 }, { header: yearText.monthsHeader, kind: 'count', width: 5 }] as const) : []),
    ...items.map((it): Column => ({ header: `${it.code} ${it.name}`, kind: 'score', width: 10 })),
    ...(annual ? ([{ header: '扣分', kind: 'score', width: 7 }, { header: '加分', kind: 'score', width: 7 }] as const) : []),
    ...(totals ? [{ header: '全年', kind: 'score', width: 8 } as const] : []),
    ...(prorated ? [{ header: yearText.proratedHeader, kind: 'score', width: 9 } as const] : []),
    { header: '奖项', kind: 'text', width: 14 },
    { header: '标注', kind: 'text', width: 36 },
    ...(pointValue !== null ? [{ header: '考核奖(元)', kind: 'money', width: 11 } as const] : []),
  ];
  const rows = result.rows.map((r) => {
    const subject = annual?.subjects.find((s) => s.key === r.key);
    const monthly = monthlySum(subject);
    return [
      r.rank,
      ...(personal ? [r.key, r.name, r.unit] : [r.name]),
      ...(annual && !months ? [] : r.periods).flatMap((p) => [p ? toNumber(periodFigure(result, p)) : null, ...(graded ? [p?.grade?.label ?? ''] : [])]),
      ...(r.halves ?? []).map((h) => (h === null ? null : toNumber(h))),
      ...(annual ? [monthly && toNumber(monthly.sum), monthly && monthly.months] : []),
      ...items.map((it) => {
        const score = subject?.items.find((x) => x.code === it.code)?.score;
        return score === undefined ? null : toNumber(score);
      }),
      ...(annual ? [subject ? toNumber(subject.deductions) : null, subject ? toNumber(subject.bonus) : null] : []),
      ...(totals ? [r.total === null ? null : toNumber(r.total)] : []),
      ...(prorated ? [r.comparable === null ? null : toNumber(r.comparable)] : []),
      r.awards.map(awardLabel).join('、'),
      flagText(r),
      ...(pointValue !== null ? [moneyUnder(r.total, pointValue, yearBonusFlags(r.flags))] : []),
    ];
  });
  return { columns, rows };
}

/** The year list as header and rows, for CSV output: the units' flags of each period in a column of their own (withUnitFlagColumn). */
export function yearTable(result: YearResult, pointValue: Hundredths | null): { header: string[]; rows: Cell[][] } {
  const { columns, rows } = yearColumns(result, pointValue);
  return withUnitFlagColumn({ header: columns.map((c) => c.header), rows }, result.rows.map((r) => r.unit), yearUnitFlags(result.units));
}

export function renderYearTable(result: YearResult, pointValue: Hundredths | null): string {
  const { columns, rows } = yearColumns(result, pointValue);
  const header = columns.map((c) => c.header);
  const text = rows.map((r) => r.map((c) => (c === null ? '—' : String(c))));
  const w = header.map((h, i) => Math.max(displayWidth(h), ...text.map((r) => displayWidth(r[i] ?? ''))));
  const right = new Set(columns.flatMap((c, i) => (c.kind === 'score' || c.kind === 'money' || c.kind === 'rank' || c.kind === 'count' ? [i] : [])));
  const pad = (c: string, i: number) => {
    const gap = ' '.repeat(Math.max(0, (w[i] ?? 0) - displayWidth(c)));
    return right.has(i) ? gap + c : c + gap;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  const missing = missingText(result);
  const prorated = proratedNote(result);
  const unitLines = unitFlagLines(yearUnitFlags(result.units));
  return [
    chalk.bold(`${result.scheme.title} · ${result.year}年度${result.missing.length ? `（缺少 ${result.missing.map(shortLabel).join('、')}）` : ''}`),
    chalk.bold(line(header)),
    ...text.map((r, i) => (result.rows[i]!.flags.length > 0 ? chalk.red(line(r)) : line(r))),
    ...(unitLines.length > 0 ? ['', ...unitLines.map((l) => chalk.red(l))] : []),
    ...(missing || prorated || result.annual ? [''] : []),
    ...(result.annual ? [`注：${annualNote(result.annual)}`] : []),
    ...(missing ? [`注：${missing}。`] : []),
    ...(prorated ? [`注：${prorated}`] : []),
  ].join('\n');
}

/** `year -o`: the summary of the year (counts, the top of the ranking, the flagged). */
export function renderYearSummary(result: YearResult): string {
  const personal = result.scheme.subject === 'person';
  const total = (r: YearRow) => (r.total === null ? '—' : r.comparable !== null && r.comparable !== r.total ? yearText.proratedTotal(r.total, r.comparable) : format(r.total));
  const rows = result.rows.map((r) => ({ rank: r.rank, name: r.name, unit: personal ? r.unit : null, total: total(r), standing: r.awards.map(awardLabel).join('、'), flags: flagNamesOf(r) }));
  const missing = result.missing.length ? `（缺少 ${result.missing.map(shortLabel).join('、')}）` : '';
  return renderSummary(`${result.scheme.title} · ${result.year}年度${missing}`, summaryText.yearCounts(result.rows.length, result.labels.length), rows, '年度考核表', unitFlagLines(yearUnitFlags(result.units)), result.scheme.unitLabel);
}

const numberOrNull = (h: Hundredths | null | undefined) => (h === null || h === undefined ? null : toNumber(h));

/**
 * The `kaohe year --json` document (item-codes.md): each subject in the score contract's shape
 * (items, deductions, bonus, total, rank, awards, flags) with the year's figures, plus "grade" (the
 * year's, null where the year is not graded) and the year fields (months, grades by period,
 * halves, money), in rank order; units with their year totals, and the input warnings, as the
 * score document has them. A scheme whose periods stand alone (total: none) has no year figures:
 * items {} and nulls, none made up. A --partial run lists the missing periods.
 */
export function yearJson(result: YearResult, pointValue: Hundredths | null, inputWarnings: readonly Problem[] = []) {
  // The year's own grade: an annual scheme's; none where the year is not graded (a half-year's grades are in `grades`).
  const grades = new Map((result.annual?.subjects ?? []).map((s) => [s.key, s.grade?.label ?? null]));
  const prorated = isProrated(result);
  return {
    scheme: result.scheme.id,
    period: String(result.year),
    ...(result.missing.length ? { missing: result.missing } : {}),
    // Rank and the year's score lines compare "prorated" (折合全年), not "total".
    ...(prorated ? { ranked_by: 'prorated', prorated_note: proratedNote(result) } : {}),
    subjects: result.rows.map((r) => ({
      id: r.key,
      name: r.name,
      unit: r.unit,
      items: Object.fromEntries(Object.entries(r.figures?.items ?? {}).map(([code, score]) => [code, toNumber(score)])),
      deductions: numberOrNull(r.figures?.deductions),
      bonus: numberOrNull(r.figures?.bonus),
      total: numberOrNull(r.total),
      ...(prorated ? { prorated: numberOrNull(r.comparable) } : {}),
      rank: r.rank,
      awards: r.awards.map(awardLabel),
      flags: flagNamesOf(r),
      grade: grades.get(r.key) ?? null,
      months: Object.fromEntries(r.periods.flatMap((p) => (p ? [[p.label, toNumber(periodFigure(result, p))]] : []))),
      ...(r.periods.some((p) => p?.grade) ? { grades: Object.fromEntries(r.periods.flatMap((p) => (p?.grade ? [[p.label, p.grade.label]] : []))) } : {}),
      ...(r.halves ? { halves: Object.fromEntries(result.halfLabels.map((h, i) => [h, numberOrNull(r.halves?.[i])])) } : {}),
      ...(pointValue !== null ? { money: moneyUnder(r.total, pointValue, yearBonusFlags(r.flags)) } : {}),
    })),
    ...(result.units.length > 0 ? { units: result.units.map((u) => ({ unit: u.unit, total: numberOrNull(u.total), flags: [...new Set(u.flags.map((f) => `${shortLabel(f.period)}${formatFlag(f.flag)}`))] })) } : {}),
    warnings: [...inputWarnings.filter((p) => p.severity === 'warning').map(formatProblem), ...(result.missing.length ? [`${missingText(result)}（--partial）`] : []), ...yearWarnings(result), ...yearMoneyNotes(result, pointValue)],
  };
}

/** The year's --json text, as printed and as written by `-o x.json`. */
export function yearJsonText(result: YearResult, pointValue: Hundredths | null, inputWarnings: readonly Problem[]): string {
  return JSON.stringify(yearJson(result, pointValue, inputWarnings), null, 2) + '\n';
}

/** How an annual scheme's total is made, in words under the list. */
function annualNote(annual: NonNullable<YearResult['annual']>): string {
  const monthly = annual.scheme.items.find((it) => it.type === 'monthly');
  const conversion = monthly?.type === 'monthly' ? yearText.annualConversion(monthly.name, monthly.points, monthly.scale) : '';
  return yearText.annualNote(conversion, annual.scheme.base);
}

/** 各月基本分: the monthly base scores an annual scheme averages, with their count and sum (what 月度考核 converts). */
async function addMonthsSheet(book: Book, result: YearResult): Promise<void> {
  const sheet = book.sheet(resultSheetNames.monthlyBases, { views: [{ state: 'frozen', ySplit: 1 }], titleRows: '1:1', landscape: true });
  const personal = result.scheme.subject === 'person';
  await table(
    sheet,
    [
      ...(personal ? ([{ header: '工号', kind: 'id', width: 9 }, { header: '姓名', kind: 'name', width: 10 }] as const) : ([{ header: result.scheme.unitLabel, kind: 'name', width: 16 }] as const)),
      ...result.labels.map((l): Column => ({ header: shortLabel(l), kind: 'score', width: 7 })),
      { header: yearText.monthsHeader, kind: 'count', width: 6 },
      { header: yearText.monthlySumHeader, kind: 'score', width: 9 },
    ],
    result.rows.map((r) => {
      const monthly = monthlySum(result.annual?.subjects.find((s) => s.key === r.key));
      return [...(personal ? [r.key, r.name] : [r.name]), ...r.periods.map((p) => (p ? toNumber(p.base) : null)), r.present, monthly && toNumber(monthly.sum)];
    }),
  );
}

/** 年度考核: the list, a printable 等次公示, the audit of every flag, the annual scheme's detail, and 说明. */
export async function yearWorkbook(result: YearResult, run: RunInfo, pointValue: Hundredths | null): Promise<Buffer> {
  const book = new Book();
  const centre = run.settings.get('单位名称') ?? '';
  const personal = result.scheme.subject === 'person';
  const missing = missingText(result);
  const { columns, rows } = yearColumns(result, pointValue, false);
  const width = widthOf(columns);

  const list = book.sheet(resultSheetNames.yearList, { views: [{ state: 'frozen', ySplit: 2, xSplit: personal ? 3 : 2 }], titleRows: '2:2', landscape: true });
  banner(list, `${centre}${result.year}年度考核结果（${result.scheme.title}）${result.missing.length ? `——缺少 ${result.missing.map(shortLabel).join('、')}` : ''}`, { font: TITLE_FONT, align: 'left', span: columns.length, width, height: 30, wrap: false });
  await table(list, columns, rows);
  const prorated = proratedNote(result);
  const unitFlags = yearUnitFlags(result.units);
  const notes = [...(result.annual ? [`注：${annualNote(result.annual)}`] : []), ...(missing ? [`注：${missing}。`] : []), ...(prorated ? [`注：${prorated}`] : [])];
  linesBelow(list, [...unitFlagLines(unitFlags), ...notes, ...yearMoneyNotes(result, pointValue).map((n) => `注：${n}`)], { span: columns.length, width });

  await addNotice(
    book,
    {
      sheetName: '等次公示',
      title: noticeText.yearTitle(centre, result.year),
      intro: noticeText.yearIntro(result.scheme.title, result.year),
      personal,
      unitLabel: result.scheme.unitLabel,
      totalHeader: '全年',
      ...(prorated ? { proratedHeader: yearText.proratedHeader } : {}),
      standingHeader: result.rows.some((r) => r.periods.some((p) => p?.grade)) ? noticeText.gradesAndAwardsHeader : '奖项',
      withSummary: false,
      rows: publicYearRows(result),
      unitLines: publicUnitLines(unitFlags),
      notes: [
        ...(missing ? [`${missing}。`] : []),
        ...(prorated ? [prorated] : []),
        ...result.warnings.flatMap((w) => (w.code === 'award_tie' ? [noticeText.awardTie(w)] : [])),
        // Ties at a period's quota, for the periods whose grades the notice shows.
        ...result.periodWarnings.flatMap(({ period, warning }) => (result.labels.includes(period) ? quotaTieNote(warning, shortLabel(period)) : [])),
      ],
    },
    run,
  );

  const audit = book.sheet(resultSheetNames.yearFlags, { views: [{ state: 'frozen', ySplit: 1 }], titleRows: '1:1', landscape: true });
  await table(
    audit,
    [
      { header: '考核对象', kind: 'name', width: 12 },
      { header: result.scheme.unitLabel, kind: 'name', width: 14 },
      { header: '标注', kind: 'text', width: 28 },
      { header: '依据', kind: 'text', width: 40 },
      { header: '来源', kind: 'text', width: 40 },
      { header: '说明', kind: 'text', width: 24 },
    ],
    [
      ...result.rows.flatMap((r) => r.flags.map((f) => [r.name, r.unit, formatYearFlag(f), formatYearFlagBecause(f), f.rows.map(formatLocation).join('；'), f.note ?? ''])),
      ...unitFlags.map((f) => [f.unit, f.unit, unitFlagName(f), unitFlagText.because(f.period, f.total), '', '']),
    ],
    'each',
  );

  if (result.annual) {
    await addMonthsSheet(book, result);
    await addAuditSheet(book, result.annual);
  }

  const about = book.sheet('说明', ABOUT_SHEET);
  await addAboutRows(about, [
    ['考核方案', `${result.scheme.title}（${result.scheme.id}）`],
    ['方案文件', run.scheme.origin],
    ['方案文件 SHA-256', run.scheme.sha256],
    ['年度', String(result.year)],
    ['考核期', result.labels.join('、')],
    // The run's settings as a month's 说明 has them (flags that change a number, the hours applied).
    ...Object.entries(run.options),
    ...result.awardTops.map((a): [string, string] => [`${a.name}名额`, a.fromRun ? `前${a.top}名（运行时 --top ${a.top}）` : `前${a.top}名（方案默认）`]),
    ...assumptionRows(run.assumptions),
    ...(result.missing.length ? [['缺少的考核期', `${result.missing.join('、')}（--partial）`] as [string, string]] : []),
    ...run.inputs.flatMap((input, i): [string, string][] => [
      [`输入文件${i + 1}`, input.file],
      [`输入文件${i + 1} SHA-256`, input.sha256],
    ]),
    ['kaohe 版本', run.kaoheVersion],
    ['公示日期', run.noticeDate],
    ['公示天数', `${run.noticeDays}个工作日`],
    ...(pointValue !== null ? [['每分分值（元）', format(pointValue)] as [string, string]] : []),
  ]);
  return await book.bytes();
}
