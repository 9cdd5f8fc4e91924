import ExcelJS from 'exceljs';
import chalk from 'chalk';
import stringWidth from 'string-width';
import { formatChineseDate } from '../core/dates.js';
import { format, toNumber, type Hundredths } from '../core/decimal.js';
import { formatLocation, formatYearFlag, formatYearFlagBecause, shortLabel, yearWarnings } from '../messages.js';
import type { YearResult, YearRow } from '../score/year.js';
import { awardLabel } from './json.js';
import { money } from './money.js';
import type { RunInfo } from './run-info.js';
import { packWorkbook } from './safe-write.js';
import { addAboutRows, assumptionRows } from './sheets/about.js';
import { BODY_FONT, printSetup, table, TITLE_FONT, widths } from './sheets/style.js';


function gradeOf(row: YearRow, i: number): string {
  return row.periods[i]?.grade?.label ?? '';
}

function flagText(row: YearRow): string {
  return [...new Set(row.flags.map((f) => (f.note ? `${formatYearFlag(f)}（${f.note}）` : formatYearFlag(f))))].join('、');
}

function flagNamesOf(row: YearRow): string[] {
  return [...new Set(row.flags.map(formatYearFlag))];
}

/** The year list's columns: one per period (and its grade when the scheme grades periods). */
function columns(result: YearResult, pointValue: Hundredths | null) {
  const personal = result.scheme.subject === 'person';
  const graded = result.rows.some((r) => r.periods.some((p) => p?.grade));
  const header = [
    '名次',
    ...(personal ? ['工号', '姓名', '窗口'] : ['窗口']),
    ...result.labels.flatMap((l) => [shortLabel(l), ...(graded ? [`${shortLabel(l)}等次`] : [])]),
    ...result.halfLabels.map(shortLabel),
    ...(result.rows.some((r) => r.total !== null) ? ['全年'] : []),
    '奖项',
    '标注',
    ...(pointValue !== null ? ['考核奖(元)'] : []),
  ];
  const rows = result.rows.map((r) => [
    r.rank ?? '',
    ...(personal ? [r.key, r.name, r.unit] : [r.name]),
    ...r.periods.flatMap((p, i) => [p ? toNumber(p.total) : '—', ...(graded ? [gradeOf(r, i)] : [])]),
    ...(r.halves ?? []).map((h) => (h === null ? '—' : toNumber(h))),
    ...(result.rows.some((x) => x.total !== null) ? [r.total === null ? '' : toNumber(r.total)] : []),
    r.awards.map(awardLabel).join('、'),
    flagText(r),
    ...(pointValue !== null ? [money(r.total, pointValue) ?? ''] : []),
  ]);
  return { header, rows, personal };
}

export function renderYearTable(result: YearResult, pointValue: Hundredths | null): string {
  const { header, rows } = columns(result, pointValue);
  const text = rows.map((r) => r.map(String));
  const w = header.map((h, i) => Math.max(stringWidth(h), ...text.map((r) => stringWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(Math.max(0, (w[i] ?? 0) - stringWidth(c)))).join('  ').trimEnd();
  return [chalk.bold(`${result.scheme.title} · ${result.year}年度`), chalk.bold(line(header)), ...text.map((r, i) => (result.rows[i]!.flags.length > 0 ? chalk.red(line(r)) : line(r)))].join('\n');
}

const numberOrNull = (h: Hundredths | null | undefined) => (h === null || h === undefined ? null : toNumber(h));

/**
 * The `kaohe year --json` document: each subject in the score contract's shape (items,
 * deductions, bonus, total, rank, awards, flags) with the year's figures, plus the year fields
 * (months, grades by period, halves, money). A scheme whose periods stand alone (total: none)
 * has no year figures: items {} and nulls.
 */
export function yearJson(result: YearResult, pointValue: Hundredths | null) {
  return {
    scheme: result.scheme.id,
    period: String(result.year),
    subjects: result.rows.map((r) => ({
      id: r.key,
      name: r.name,
      unit: r.unit,
      items: Object.fromEntries(Object.entries(r.figures?.items ?? {}).map(([code, score]) => [code, toNumber(score)])),
      deductions: numberOrNull(r.figures?.deductions),
      bonus: numberOrNull(r.figures?.bonus),
      total: numberOrNull(r.total),
      rank: r.rank,
      awards: r.awards.map(awardLabel),
      flags: flagNamesOf(r),
      months: Object.fromEntries(r.periods.flatMap((p) => (p ? [[p.label, toNumber(p.total)]] : []))),
      ...(r.periods.some((p) => p?.grade) ? { grades: Object.fromEntries(r.periods.flatMap((p) => (p?.grade ? [[p.label, p.grade.label]] : []))) } : {}),
      ...(r.halves ? { halves: Object.fromEntries(result.halfLabels.map((h, i) => [h, numberOrNull(r.halves?.[i])])) } : {}),
      ...(pointValue !== null ? { money: money(r.total, pointValue) } : {}),
    })),
    warnings: yearWarnings(result),
  };
}

/** 年度考核: the list, a printable 等次公示, the audit of every flag, and 说明. */
export async function yearWorkbook(result: YearResult, run: RunInfo, pointValue: Hundredths | null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kaohe';
  workbook.created = workbook.modified = new Date(Date.UTC(2000, 0, 1));
  const centre = run.settings.get('单位名称') ?? '';
  const { header, rows, personal } = columns(result, pointValue);

  const list = workbook.addWorksheet('年度考核表', { views: [{ state: 'frozen', ySplit: 2, xSplit: personal ? 3 : 2 }] });
  list.addRow([`${centre}${result.year}年度考核结果（${result.scheme.title}）`]).getCell(1).font = TITLE_FONT;
  list.mergeCells(1, 1, 1, header.length);
  table(list, header, rows, new Set(header.map((h, i) => (i === 0 || /^\d+月$|半年$|全年|考核奖/.test(h) ? i : -1)).filter((i) => i >= 0)));
  widths(list, header.map((h) => (h === '标注' ? 40 : h === '奖项' ? 14 : h === '窗口' ? 14 : /等次/.test(h) ? 8 : h === '姓名' ? 10 : 7)));
  printSetup(list, '2:2', true);

  const notice = workbook.addWorksheet('等次公示', { views: [{ state: 'frozen', ySplit: 3 }] });
  const noticeHeader = ['名次', ...(personal ? ['姓名', '窗口'] : ['窗口']), '全年', '奖项/等次', '备注'];
  const merged = (text: string, font: Partial<ExcelJS.Font>, align: 'left' | 'center' | 'right') => {
    const row = notice.addRow([text]);
    notice.mergeCells(row.number, 1, row.number, noticeHeader.length);
    row.getCell(1).font = font;
    row.getCell(1).alignment = { horizontal: align, vertical: 'middle', wrapText: true };
    return row;
  };
  merged(`${centre}${result.year}年度考核结果公示`, TITLE_FONT, 'center').height = 36;
  merged(`根据《${result.scheme.title}》，现将${result.year}年度考核结果公示如下：`, BODY_FONT, 'left').height = 30;
  table(
    notice,
    noticeHeader,
    result.rows.map((r) => [
      r.rank ?? '',
      ...(personal ? [r.name, r.unit] : [r.name]),
      r.total === null ? '' : format(r.total),
      [...r.periods.flatMap((p) => (p?.grade ? [`${shortLabel(p.label)}${p.grade.label}`] : [])), ...r.awards.map(awardLabel)].join('、'),
      flagNamesOf(r).join('、'),
    ]),
    new Set([0, personal ? 3 : 2]),
  );
  notice.addRow([]);
  const phone = run.settings.get('公示联系电话');
  merged(`公示期${run.noticeDays}个工作日。如有异议，请在公示期内向${run.settings.get('公示发布单位') || centre || '考核组织部门'}反映${phone ? `，联系电话：${phone}` : ''}。`, BODY_FONT, 'left').height = 30;
  merged(run.settings.get('公示发布单位') || centre, BODY_FONT, 'right');
  merged(formatChineseDate(run.noticeDate), BODY_FONT, 'right');
  widths(notice, personal ? [6, 10, 14, 8, 24, 40] : [6, 16, 8, 24, 40]);
  printSetup(notice, '3:3');

  const audit = workbook.addWorksheet('标注明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  table(
    audit,
    ['考核对象', '窗口', '标注', '依据', '来源', '说明'],
    result.rows.flatMap((r) => r.flags.map((f) => [r.name, r.unit, formatYearFlag(f), formatYearFlagBecause(f), f.rows.map(formatLocation).join('；'), f.note ?? ''])),
    new Set(),
  );
  widths(audit, [12, 14, 28, 40, 40, 24]);
  printSetup(audit, '1:1', true);

  const about = workbook.addWorksheet('说明');
  addAboutRows(about, [
    ['考核方案', `${result.scheme.title}（${result.scheme.id}）`],
    ['方案文件 SHA-256', run.scheme.sha256],
    ['年度', String(result.year)],
    ['考核期', result.labels.join('、')],
    ...result.awardTops.map((a): [string, string] => [`${a.name}名额`, a.fromRun ? `前${a.top}名（运行时 --top ${a.top}）` : `前${a.top}名（方案默认）`]),
    ...assumptionRows(run.assumptions),
    ...run.inputs.flatMap((input, i): [string, string][] => [
      [`输入文件${i + 1}`, input.file],
      [`输入文件${i + 1} SHA-256`, input.sha256],
    ]),
    ['kaohe 版本', run.kaoheVersion],
    ...(pointValue !== null ? [['每分分值（元）', format(pointValue)] as [string, string]] : []),
  ]);
  return await packWorkbook(workbook);
}
