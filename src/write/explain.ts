import { format, formatSigned, sub, type Hundredths } from '../core/decimal.js';
import { shortChineseDate } from '../core/dates.js';
import { periodChinese } from '../core/period.js';
import { UsageError } from '../core/problems.js';
import { cleanName } from '../core/text.js';
import { formatFlag, formatLocation, formatTraceNote } from '../messages.js';
import type { ItemResult, ScoreResult, SubjectResult, TraceLine } from '../score/result.js';
import { nearest } from '../validate/nearest.js';
import { awardLabel } from './json.js';
import { flagNames } from './summary.js';

/** Finds the subject a clerk names: 工号 or unit name, 姓名, or a person's unit. */
function findSubject(result: ScoreResult, who: string): SubjectResult {
  const key = cleanName(who);
  const byKey = result.subjects.find((s) => s.key === key);
  if (byKey) return byKey;
  const byName = result.subjects.filter((s) => s.name === key);
  if (byName.length === 1) return byName[0] as SubjectResult;
  if (byName.length > 1) throw new UsageError(`有多个“${who}”（工号 ${byName.map((s) => s.key).join('、')}），请改用工号`);
  const personId = [...result.personNames].find(([, name]) => name === key)?.[0];
  const viaPerson = personId && result.subjects.find((s) => s.trace.some((l) => l.personId === personId) || s.key === personId);
  if (viaPerson) return viaPerson;
  const near = nearest(key, result.subjects.flatMap((s) => [s.key, s.name]));
  throw new UsageError(`本期考核对象中没有“${who}”${near ? `，是否为“${near}”？` : ''}`);
}

function lineText(line: TraceLine, result: ScoreResult): string[] {
  const who = line.personId ? `${result.personNames.get(line.personId) ?? line.personId}：` : '';
  const signed = (v: Hundredths) => formatSigned((v * line.sign) as Hundredths);
  const amount =
    line.count > 1 || line.unitPoints !== line.listed ? `${line.count}${line.countUnit} × ${format(line.unitPoints)}分 = ${signed(line.listed)}` : signed(line.listed);
  const steps = line.escalated !== line.listed ? ` → 加倍后 ${signed(line.escalated)}` : '';
  const cut = line.counted !== line.escalated ? ` → 实计 ${signed(line.counted)}` : '';
  const date = line.date ? `${shortChineseDate(line.date)} ` : '';
  const lines = [`   ${date}${line.ruleCode} ${line.ruleName}：${amount}${steps}${cut}  〔${formatLocation(line.at)}〕`];
  for (const note of line.notes) lines.push(`      · ${formatTraceNote(note)}`);
  if (line.evidence) lines.push(`      依据：${who}${line.evidence}`);
  else if (line.note || who) lines.push(`      记录：${who}${line.note}${line.matter ? `（事项编号 ${line.matter}）` : ''}`);
  return lines;
}

function itemHeading(item: ItemResult): string {
  if (item.type === 'bonus') return `${item.code} ${item.name}${item.points === null ? '' : `（最多${format(item.points)}分）`}：加${format(item.added)}分`;
  if (item.type === 'veto') return `${item.code} ${item.name}：不计分`;
  if (item.points === null) return `${item.code} ${item.name}：扣${format(item.deducted)}分`;
  const lost = sub(item.points, item.score);
  return `${item.code} ${item.name}（${format(item.points)}分）：${lost === 0 ? '未扣分' : `扣${format(lost)}分`}，得${format(item.score)}分`;
}

/** The whole derivation of one subject's total, in Chinese: the answer to an appeal. */
export function explainSubject(result: ScoreResult, who: string): string[] {
  const s = findSubject(result, who);
  const { scheme } = result;
  const out = [
    `${scheme.title} · ${periodChinese(result.period)} · ${s.name}${scheme.subject === 'person' ? `（工号 ${s.key}，${s.unit}）` : ''}`,
    `基本分 ${format(scheme.base)}${scheme.bonusCap > 0 ? `，加分最多 ${format(scheme.bonusCap)}` : ''}`,
    '',
  ];
  for (const item of s.items) {
    const lines = s.trace.filter((l) => l.itemCode === item.code);
    if (lines.length === 0 && item.type === 'veto') continue;
    out.push(itemHeading(item));
    for (const part of item.parts) {
      out.push(`   小项 ${part.name}${part.points === null ? '' : `（${format(part.points)}分）`}：得${format(part.score)}分`);
    }
    for (const line of lines) out.push(...lineText(line, result));
    if (item.type === 'peer' && s.peer) {
      const n = s.peer.ratings.length;
      out.push(
        s.peer.missing
          ? '   没有互评分数，按0分计'
          : `   ${n}个评分合计${format(s.peer.sum)}，平均${format(s.peer.mean)}，× ${format(s.peer.itemPoints)}/${format(s.peer.scale)} = ${format(s.peer.points)}（自评不计；按合计精确折算，四舍五入到0.01）`,
        `   ${s.peer.ratings.map((r) => `${r.rater} ${format(r.score)}`).join('、')}`,
      );
    }
    const c = item.component;
    if (c?.code === 'mark') out.push(`   考评小组评分 ${format(c.value)}  〔${formatLocation(c.at)}〕`);
    if (c?.code === 'monthly') out.push(`   ${c.months.map((m) => `${m.month} ${format(m.base)}`).join('、')}：${c.months.length}个月合计 ${format(c.sum)}，平均 × ${format(item.points ?? (0 as Hundredths))}/${format(c.scale)} = ${format(item.score)}`);
    if (c?.code === 'unit_share') out.push(`   ${c.unit} 得分 ${format(c.unitTotal)} × ${format(item.points ?? (0 as Hundredths))}/${format(c.scale)} = ${format(item.score)}`);
  }
  out.push(
    '',
    `总分 = 基本分 ${format(scheme.base)} − 扣分 ${format(s.deductions)} + 加分 ${format(s.bonus)} = ${format(s.total)}`,
    `名次：第${s.rank}名（共${result.subjects.length}${scheme.subject === 'unit' ? '个窗口' : '人'}）`,
  );
  if (s.grade) {
    const quota = { over: '（超出名额，降一等）', pending: '（名额处并列，暂评此等次，待研究确定）', ruled: '（名额处并列，经研究确定）', within: '' } as const;
    out.push(`等次：${s.grade.label}${s.grade.quota ? quota[s.grade.quota] : ''}`);
  }
  out.push(`奖项：${s.awards.map(awardLabel).join('、') || '无'}`);
  out.push(`标注：${flagNames(s).join('、') || '无'}`);
  for (const flag of s.flags) {
    const b = flag.because;
    if ('rule' in b) out.push(`   ${formatFlag(flag)}：${b.rule} 共${b.count}次${b.days !== b.count ? `、${b.days}天` : ''}（${b.at.map(formatLocation).join('；')}）`);
  }
  return out;
}
