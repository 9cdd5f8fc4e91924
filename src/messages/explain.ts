import { add, format, formatSigned, sub, type Hundredths } from '../core/decimal.js';
import { shortChineseDate } from '../core/dates.js';
import { periodChinese } from '../core/period.js';
import { formatFlag, formatLocation, formatTraceNote, formatYearFlag, formatYearFlagBecause, itemCapText, shortLabel } from '../messages.js';
import type { ItemResult, ScoreResult, SubjectResult, TraceLine, TraceNote } from '../score/result.js';
import type { Scheme } from '../scheme/model.js';
import type { YearResult, YearRow } from '../score/year.js';
import { subjectTrace } from '../score/engine.js';
import { formatEvidence } from './attendance.js';
import { meanText, unitFlagText } from './outputs.js';

/** The words of `kaohe explain`: a subject's period or year, item by item, in Chinese. */

/**
 * How a line's count gives its points. A 每N次 rule (迟到早退每5次扣1分) scores the times its
 * running count passes a multiple of N, not its count × the points; a flag only counts.
 */
function amountText(line: TraceLine, scheme: Scheme, signed: (v: Hundredths) => string): string {
  // No occurrence (a typed row counted in the derived one of its date): its note says why.
  if (line.count === 0) return '不计';
  if (line.notes.some((n) => n.code === 'flag_only')) {
    // A flag scores nothing: say what it counts, days where a flag counts its days (无故缺席2.5天).
    return scheme.toldInDays.has(line.ruleCode) ? `${line.days}天` : `${line.count}次`;
  }
  const perN = line.notes.find((n) => n.code === 'per_n');
  if (perN) {
    const counted = perN.total === line.count ? `${line.count}次` : `${line.count}次（累计${perN.total}次）`;
    const rule = `每满${perN.every}次${line.sign < 0 ? '扣' : '加'}${format(line.unitPoints)}分`;
    if (perN.times > 0) return `${counted}，${rule} → 计${perN.times}回 × ${format(line.unitPoints)}分 = ${signed(line.listed)}`;
    return `${counted}，${rule} → ${perN.total < perN.every ? '累计未满' : '未再满'}${perN.every}次，计0分`;
  }
  const overNote = line.notes.find((n) => n.code === 'over' || n.code === 'over_before' || n.code === 'below_threshold');
  if (overNote) {
    // 累计超过N天: one deduction, on the record that takes the running total past N.
    const counted = overNote.total === line.count ? `${line.count}${overNote.unit}` : `${line.count}${overNote.unit}（累计${overNote.total}${overNote.unit}）`;
    const over = `累计超过${overNote.threshold}${overNote.unit}`;
    if (overNote.code === 'over') return `${counted}，${over}${line.sign < 0 ? '扣' : '加'}${format(line.unitPoints)}分 → ${signed(line.listed)}`;
    if (overNote.code === 'over_before') return `${counted}，已在${over}时${line.sign < 0 ? '扣' : '加'}过，计0分`;
    return `${counted}，累计未超过${overNote.threshold}${overNote.unit}，计0分`;
  }
  if (line.count > 1 || line.unitPoints !== line.listed) return `${line.count}${line.countUnit} × ${format(line.unitPoints)}分 = ${signed(line.listed)}`;
  return signed(line.listed);
}

/**
 * A cap note as what it caps: a sub-item (小项 考勤 8分扣完为止) or an item by its code and name,
 * worded as the audit words it (itemCapText); a bonus item (加分至多5分) or the scheme's bonus
 * total from the scheme's own data. The audit keeps formatTraceNote's shorter words for these.
 */
function noteText(note: TraceNote, line: TraceLine, scheme: Scheme): string {
  const item = scheme.items.find((it) => it.code === line.itemCode);
  const cut = `，${format('cut' in note ? note.cut : (0 as Hundredths))}分不计`;
  if (note.code === 'item_cap') return itemCapText(note, item ? `${item.code} ${item.name}` : undefined);
  if (note.code === 'bonus_item_cap' && item?.type === 'bonus' && item.cap !== null) return `${item.code} ${item.name} 加分至多${format(item.cap)}分${cut}`;
  if (note.code === 'bonus_cap') return `加分总额至多${format(scheme.bonusCap)}分${cut}`;
  return formatTraceNote(note);
}

/** What the record says: whose it is (in a window's explanation), its 说明 and 事项编号; nothing when it says nothing. */
function recordText(line: TraceLine, result: ScoreResult): string | null {
  const who = result.scheme.subject === 'unit' && line.personId ? (result.personNames.get(line.personId) ?? line.personId) : '';
  const matter = line.matter ? `事项编号 ${line.matter}` : '';
  const said = line.note && matter ? `${line.note}（${matter}）` : line.note || matter;
  if (who && said) return `记录：${who}：${said}`;
  if (who) return `记录人员：${who}`;
  return said ? `记录：${said}` : null;
}

const amountNotes = new Set<TraceNote['code']>(['per_n', 'over', 'over_before', 'below_threshold']);

function lineText(line: TraceLine, result: ScoreResult): string[] {
  const who = line.personId ? `${result.personNames.get(line.personId) ?? line.personId}：` : '';
  const signed = (v: Hundredths) => formatSigned((v * line.sign) as Hundredths);
  const steps = line.escalated !== line.listed ? ` → 加倍后 ${signed(line.escalated)}` : '';
  const cut = line.counted !== line.escalated ? ` → 实计 ${signed(line.counted)}` : '';
  const date = line.date ? `${shortChineseDate(line.date)} ` : '';
  const lines = [`   ${date}${line.ruleCode} ${line.ruleName}：${amountText(line, result.scheme, signed)}${steps}${cut}  〔${formatLocation(line.at)}〕`];
  // The 每N次 and 累计超过 notes are the amount's own words (amountText).
  for (const note of line.notes) if (!amountNotes.has(note.code)) lines.push(`      · ${noteText(note, line, result.scheme)}`);
  const record = recordText(line, result);
  if (line.evidence) lines.push(`      依据：${who}${formatEvidence(line.evidence)}`);
  else if (record) lines.push(`      ${record}`);
  return lines;
}

function itemHeading(item: ItemResult): string {
  if (item.type === 'bonus') return `${item.code} ${item.name}${item.points === null ? '' : `（最多${format(item.points)}分）`}：加${format(item.added)}分`;
  if (item.type === 'veto') return `${item.code} ${item.name}：不计分`;
  if (item.points === null) return `${item.code} ${item.name}：扣${format(item.deducted)}分`;
  const lost = sub(item.points, item.score);
  return `${item.code} ${item.name}（${format(item.points)}分）：${lost === 0 ? '未扣分' : `扣${format(lost)}分`}，得${format(item.score)}分`;
}

/** Item by item: its points, parts, every record, peer mean or component, in Chinese. */
function itemLines(s: SubjectResult, result: ScoreResult): string[] {
  const out: string[] = [];
  const trace = subjectTrace(result.scheme, s);
  for (const item of s.items) {
    const lines = trace.filter((l) => l.itemCode === item.code);
    if (lines.length === 0 && item.type === 'veto') continue;
    out.push(itemHeading(item));
    for (const part of item.parts) {
      out.push(`   小项 ${part.name}${part.points === null ? '' : `（${format(part.points)}分）`}：得${format(part.score)}分`);
    }
    for (const line of lines) out.push(...lineText(line, result));
    if (item.type === 'peer' && s.peer) {
      const n = s.peer.ratings.length;
      if (s.peer.missing) out.push('   没有互评分数，按0分计');
      else out.push(`   ${meanText.peer(n, s.peer.sum, s.peer.itemPoints, s.peer.scale, s.peer.points)}`, `   ${s.peer.ratings.map((r) => `${r.rater} ${format(r.score)}`).join('、')}`);
    }
    const c = item.component;
    if (c?.code === 'mark') out.push(`   考评小组评分 ${format(c.value)}  〔${formatLocation(c.at)}〕`);
    if (c?.code === 'monthly' && c.months.length > 0) {
      out.push(
        `   各月基本分（不含附加分）：${c.months.map((m) => `${m.month} ${format(m.base)}`).join('、')}`,
        `   ${meanText.monthly(c.months.length, c.sum, item.points ?? (0 as Hundredths), c.scale, item.score)}`,
      );
    }
    if (c?.code === 'unit_share') out.push(`   ${c.unit} 得分 ${format(c.unitTotal)} × ${format(item.points ?? (0 as Hundredths))}/${format(c.scale)} = ${format(item.score)}`);
  }
  return out;
}

/**
 * The whole derivation of one subject's total, in Chinese: the answer to an appeal. `awards`
 * and `flags` are the subject's as the other outputs print them.
 */
export function subjectExplanation(result: ScoreResult, s: SubjectResult, shown: { awards: string[]; flags: string[] }): string[] {
  const { scheme } = result;
  const out = [
    `${scheme.title} · ${periodChinese(result.period)} · ${s.name}${scheme.subject === 'person' ? `（工号 ${s.key}，${s.unit}）` : ''}`,
    `基本分 ${format(scheme.base)}${scheme.bonusCap > 0 ? `，加分最多 ${format(scheme.bonusCap)}` : ''}`,
    '',
    ...itemLines(s, result),
  ];
  out.push(
    '',
    `总分 = 基本分 ${format(scheme.base)} − 扣分 ${format(s.deductions)} + 加分 ${format(s.bonus)} = ${format(s.total)}`,
    `名次：第${s.rank}名（共${result.subjects.length}${scheme.subject === 'unit' ? '个窗口' : '人'}）`,
  );
  if (s.grade) {
    const quota = { over: '（超出名额，降一等）', pending: '（名额处并列，暂评此等次，待研究确定）', ruled: '（名额处并列，经研究确定）', within: '' } as const;
    out.push(`等次：${s.grade.label}${s.grade.quota ? quota[s.grade.quota] : ''}`);
  }
  out.push(`奖项：${shown.awards.join('、') || '无'}`);
  out.push(`标注：${shown.flags.join('、') || '无'}`);
  for (const flag of s.flags) {
    const b = flag.because;
    if ('rule' in b) out.push(`   ${formatFlag(flag)}：${b.rule} 共${flagCount(scheme, b)}（${b.at.map(formatLocation).join('；')}）`);
    if ('totalBelow' in b) out.push(`   ${formatFlag(flag)}：总分 ${format(s.total)} 低于 ${format(b.totalBelow)}`);
  }
  // The person's unit flagged on its total (部门通报批评), as the table says it under the persons.
  const unit = scheme.subject === 'person' ? result.units.find((u) => u.members.includes(s.key)) : undefined;
  if (unit) for (const flag of unit.flags) out.push(`${unitFlagText.header}：${unitFlagText.cell(formatFlag(flag), [{ period: '', total: unit.total }])}`);
  return out;
}

/** What raised a flag, counted: days for a rule told in days (共3天, not its 6 half-day rows), else 次 (and days where they differ). */
function flagCount(scheme: Scheme, b: { rule: string; count: number; days: number }): string {
  if (scheme.toldInDays.has(b.rule)) return `${b.days}天`;
  return `${b.count}次${b.days !== b.count ? `、${b.days}天` : ''}`;
}

/** How the periods make the year's total: each period, then the sum, mean or the annual scheme's items. */
function yearTotalLines(result: YearResult, row: YearRow): string[] {
  const present = row.periods.flatMap((p) => (p ? [p] : []));
  const periods = row.periods.map((p, i) => `${shortLabel(result.labels[i] ?? '')} ${p ? format(p.total) : '—'}${p?.grade ? `（${p.grade.label}）` : ''}`).join('、');
  const out = [`各期得分：${periods}`];
  const rule = result.scheme.year?.total;
  if (row.total === null || present.length === 0) return [...out, '全年：没有得分'];
  if (rule === 'sum') {
    // A negative month in brackets: "10 + (-6)", not "10 + -6".
    const term = (v: Hundredths) => (v < 0 ? `(${format(v)})` : format(v));
    out.push(`全年合计 = ${present.map((p) => term(p.total)).join(' + ')} = ${format(add(...present.map((p) => p.total)))}`);
    if (row.comparable !== null && row.comparable !== row.total) {
      const whole = result.labels.length + result.missing.length;
      out.push(`在岗${present.length}个月：按 合计 × ${whole} ÷ ${present.length} = ${format(row.comparable)} 排名并与全年分数线比较`);
    }
  }
  if (rule === 'mean') out.push(`全年 = ${present.length}期平均 = ${format(add(...present.map((p) => p.total)))} ÷ ${present.length} = ${format(row.total)}（四舍五入到0.01）`);
  return out;
}

/**
 * A subject's year in Chinese: each month's score, how they make the year's total (for an
 * annual scheme: monthly mean → its points, each committee mark, year deductions, bonus), rank,
 * awards and every flag with its reason.
 */
export function yearExplanation(result: YearResult, row: YearRow, shown: { awards: string[] }): string[] {
  const { scheme } = result;
  const out = [`${scheme.title} · ${result.year}年度 · ${row.name}${scheme.subject === 'person' ? `（工号 ${row.key}，${row.unit}）` : ''}`];
  if (result.missing.length > 0) out.push(`注：缺少 ${result.missing.map(shortLabel).join('、')} 的考核结果（--partial），以下按已有月份`);
  out.push('');
  const annual = result.annual?.subjects.find((s) => s.key === row.key);
  if (result.annual && annual) {
    out.push(`基本分 ${format(result.annual.scheme.base)}${result.annual.scheme.bonusCap > 0 ? `，加分最多 ${format(result.annual.scheme.bonusCap)}` : ''}`, '');
    out.push(...itemLines(annual, result.annual), '');
    out.push(`全年 = 基本分 ${format(result.annual.scheme.base)} − 扣分 ${format(annual.deductions)} + 加分 ${format(annual.bonus)} = ${format(annual.total)}`);
  } else {
    out.push(...yearTotalLines(result, row));
  }
  const ranked = result.rows.filter((r) => r.rank !== null).length;
  out.push(row.rank === null ? '名次：无（没有全年得分）' : `名次：第${row.rank}名（共${ranked}${scheme.subject === 'unit' ? '个窗口' : '人'}）`);
  out.push(`奖项：${shown.awards.join('、') || '无'}`);
  out.push(`标注：${[...new Set(row.flags.map(formatYearFlag))].join('、') || '无'}`);
  for (const flag of row.flags) {
    out.push(`   ${formatYearFlag(flag)}：${formatYearFlagBecause(flag)}${flag.note ? `；${flag.note}` : ''}${flag.rows.length ? `（${flag.rows.map(formatLocation).join('；')}）` : ''}`);
  }
  return out;
}
