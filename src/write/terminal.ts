import chalk from 'chalk';
import stringWidth from 'string-width';
import { format } from '../core/decimal.js';
import { periodChinese } from '../core/period.js';
import type { ScoreResult } from '../score/result.js';
import { awardLabel } from './json.js';
import { flagNames, pointsSummary } from './summary.js';

function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'left' ? text + gap : gap + text;
}

/** The score table for the terminal: rank, subject, total, deductions, bonus, awards, flags. */
export function renderScoreTable(result: ScoreResult): string {
  const { scheme } = result;
  const header = ['名次', scheme.subject === 'unit' ? '窗口' : '姓名', ...(scheme.subject === 'person' ? ['窗口'] : []), '总分', '扣分', '加分', '奖项', '标注', '扣分/加分明细'];
  const rows = result.subjects.map((s) => [
    String(s.rank),
    s.name,
    ...(scheme.subject === 'person' ? [s.unit] : []),
    format(s.total),
    format(s.deductions),
    format(s.bonus),
    s.awards.map(awardLabel).join('、'),
    flagNames(s).join('、'),
    pointsSummary(s),
  ]);
  const numeric = new Set(header.map((h, i) => (['名次', '总分', '扣分', '加分'].includes(h) ? i : -1)));
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0, numeric.has(i) ? 'right' : 'left')).join('  ').trimEnd();

  const out = [chalk.bold(`${scheme.title} · ${periodChinese(result.period)}`), chalk.bold(line(header))];
  result.subjects.forEach((s, i) => {
    const text = line(rows[i] ?? []);
    out.push(s.flags.length > 0 || s.total < 0 ? chalk.red(text) : s.awards.length > 0 ? chalk.green(text) : text);
  });
  return out.join('\n');
}
