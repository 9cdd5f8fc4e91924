import chalk from 'chalk';
import { displayWidth } from './width.js';
import { format } from '../core/decimal.js';
import { scoringRecordCount } from '../score/engine.js';
import { periodChinese } from '../core/period.js';
import type { ScoreResult } from '../score/result.js';
import { awardLabel } from './json.js';
import { flagNames, periodUnitFlags, pointsSummary, unitFlagLines } from './summary.js';
import { summaryText } from '../messages/outputs.js';

function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + gap : gap + text;
}

/**
 * The score table for the terminal: rank, subject, total, deductions, bonus, grade (a graded
 * scheme's, as the 得分表 has it), awards, flags; then the units' flags.
 */
export function renderScoreTable(result: ScoreResult): string {
  const { scheme } = result;
  const graded = result.subjects.some((s) => s.grade !== null);
  const header = ['名次', scheme.subject === 'unit' ? scheme.unitLabel : '姓名', ...(scheme.subject === 'person' ? [scheme.unitLabel] : []), '总分', '扣分', '加分', ...(graded ? ['等次'] : []), '奖项', '标注', '扣分/加分明细'];
  const rows = result.subjects.map((s) => [
    String(s.rank),
    s.name,
    ...(scheme.subject === 'person' ? [s.unit] : []),
    format(s.total),
    format(s.deductions),
    format(s.bonus),
    ...(graded ? [s.grade?.label ?? ''] : []),
    s.awards.map(awardLabel).join('、'),
    flagNames(s).join('、'),
    pointsSummary(scheme, s),
  ]);
  const numeric = new Set(header.map((h, i) => (['名次', '总分', '扣分', '加分'].includes(h) ? i : -1)));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0, numeric.has(i) ? 'right' : 'left')).join('  ').trimEnd();

  const out = [chalk.bold(`${scheme.title} · ${periodChinese(result.period)}`), chalk.bold(line(header))];
  result.subjects.forEach((s, i) => {
    const text = line(rows[i] ?? []);
    out.push(s.flags.length > 0 || s.total < 0 ? chalk.red(text) : s.awards.length > 0 ? chalk.green(text) : text);
  });
  const unitLines = unitFlagLines(periodUnitFlags(result.units));
  if (unitLines.length > 0) out.push('', ...unitLines.map((l) => chalk.red(l)));
  return out.join('\n');
}

/** How many rows of the top of the ranking a summary shows. */
const SUMMARY_TOP = 10;
/** How many flagged subjects a summary names. */
const SUMMARY_FLAGGED = 10;

interface SummaryRow {
  rank: number | null;
  name: string;
  unit: string | null;
  total: string;
  standing: string;
  flags: string[];
}

/**
 * What the terminal shows when the full result went to a file (-o): the counts, the top of the
 * ranking, who is flagged, and the units' flags (unitFlagLines); the file holds the rest.
 * `unitLabel`: what the scheme calls a unit (窗口, 科室).
 */
export function renderSummary(title: string, counts: string, rows: readonly SummaryRow[], what: string, unitLines: readonly string[], unitLabel: string): string {
  const top = rows.filter((r) => r.rank !== null).slice(0, SUMMARY_TOP);
  const header = ['名次', '名称', ...(rows.some((r) => r.unit !== null) ? [unitLabel] : []), '总分', summaryText.standingHeader, '标注'];
  const cells = top.map((r) => [String(r.rank), r.name, ...(r.unit !== null ? [r.unit] : []), r.total, r.standing, r.flags.join('、')]);
  const numeric = new Set([0, header.indexOf('总分')]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i] ?? ''))));
  const line = (c: string[]) => c.map((text, i) => pad(text, widths[i] ?? 0, numeric.has(i) ? 'right' : 'left')).join('  ').trimEnd();
  const flagged = rows.filter((r) => r.flags.length > 0);
  const named = flagged.slice(0, SUMMARY_FLAGGED).map((r) => `${r.name}（${r.flags.join('、')}）`);
  return [
    chalk.bold(title),
    counts,
    '',
    summaryText.topHeading,
    chalk.bold(line(header)),
    ...cells.map(line),
    ...(rows.length > top.length ? [`（其余${rows.length - top.length}行见${what}）`] : []),
    ...(flagged.length > 0 ? ['', summaryText.flagged(flagged.length, named, flagged.length > named.length)] : []),
    ...(unitLines.length > 0 ? ['', ...unitLines] : []),
  ].join('\n');
}

/** `score -o`: the summary of a period's result. */
export function renderScoreSummary(result: ScoreResult): string {
  const { scheme } = result;
  const personal = scheme.subject === 'person';
  const records = scoringRecordCount(result);
  const totals = result.subjects.map((s) => s.total).sort((a, b) => b - a);
  const range = totals.length > 0 ? summaryText.range(totals[0]!, totals[totals.length - 1]!) : '';
  const rows = result.subjects.map((s): SummaryRow => ({ rank: s.rank, name: s.name, unit: personal ? s.unit : null, total: format(s.total), standing: [s.grade?.label, ...s.awards.map(awardLabel)].filter(Boolean).join('、'), flags: flagNames(s) }));
  return renderSummary(`${scheme.title} · ${periodChinese(result.period)}`, summaryText.periodCounts(result.subjects.length, records.records, records.sameAsDerived, range), rows, '得分表', unitFlagLines(periodUnitFlags(result.units)), scheme.unitLabel);
}
