import { format } from '../core/decimal.js';
import { rulesOf, type Assumption, type Item, type Part, type Rule, type Scheme, type Source } from './model.js';

/** The words kaohe uses for a scheme's parts, for `kaohe scheme show` and the template's 说明. */
const subjectChinese = { person: '个人', unit: '窗口/科室' } as const;
const periodChinese = { month: '每月', half: '每半年', year: '每年' } as const;

export function ruleText(rule: Rule): string {
  const verb = rule.sign === 1 ? '加' : '扣';
  switch (rule.kind) {
    case 'fixed':
      return `每次${verb}${format(rule.points)}分`;
    case 'ranged':
      return `每次视情${verb}${format(rule.min)}-${format(rule.max)}分（须填分值）`;
    case 'per_unit':
      return `每${rule.unit}${verb}${format(rule.points)}分（次数填${rule.unit}数）`;
    case 'explicit':
      return `按记录填写的分值${verb}分`;
    case 'per_n':
      return `每累计${rule.every}次${verb}${format(rule.points)}分`;
    case 'over':
      return `累计超过${rule.threshold}${rule.unit}${verb}${format(rule.points)}分（次数填${rule.unit}数）`;
    case 'rate':
      return `${rule.metric}低于${format(rule.target)}%，每${format(rule.per)}个百分点扣${format(rule.points)}分（在“指标”表填写）`;
    case 'flag':
      return '只作标注，不计分';
  }
}

function sourceText(source: Source | null): string {
  return source ? `出处：${source.file} ${source.article}` : '';
}

function assumptionText(x: Assumption): string {
  return x.assumption ? `【假定】${x.reason ?? ''}` : '';
}

function itemHeading(item: Item): string {
  switch (item.type) {
    case 'deduction':
      return item.points === null ? '扣分项（不设分值，从基本分中扣）' : `${format(item.points)}分，扣完为止`;
    case 'peer':
      return `${format(item.points)}分，互评平均分 × ${format(item.points)}/${format(item.scale)}`;
    case 'bonus':
      return item.cap === null ? '加分' : `加分，最多${format(item.cap)}分；同一事项编号只取最高`;
    case 'mark':
      return `${format(item.points)}分，由考评小组评分（“评分”表）`;
    case 'monthly':
      return `${format(item.points)}分 = 各月基本分平均 × ${format(item.points)}/${format(item.scale)}（月度方案 ${item.scheme}）`;
    case 'unit_share':
      return `${format(item.points)}分 = 所在科室得分 × ${format(item.points)}/${format(item.scale)}（科室方案 ${item.scheme}）`;
    case 'veto':
      return '否决情形：不计分，出现即标注';
  }
}

function partLines(part: Part, indent: string): string[] {
  const head = `${indent}小项 ${part.name}${part.points === null ? '' : ` ${format(part.points)}分${part.earned ? '（从0分起加，至多此数）' : ''}`}`;
  return [head + (assumptionText(part) ? `  ${assumptionText(part)}` : ''), ...part.rules.flatMap((r) => ruleLines(r, indent + '  '))];
}

function ruleLines(rule: Rule, indent: string): string[] {
  const lines = [`${indent}${rule.code.padEnd(5)} ${rule.name}：${ruleText(rule)}`];
  if (rule.assumption) lines.push(`${indent}      ${assumptionText(rule)}`);
  lines.push(`${indent}      ${sourceText(rule.source)}`);
  return lines;
}

/** A scheme as readable Chinese text: items, codes, points, rules, sources and assumptions. */
export function describeScheme(scheme: Scheme): string[] {
  const lines = [
    `${scheme.title}（${scheme.id}）`,
    `考核对象：${subjectChinese[scheme.subject]}；周期：${periodChinese[scheme.period]}；基本分 ${format(scheme.base)}` +
      (scheme.bonusCap > 0 ? `，加分最多 ${format(scheme.bonusCap)}，最高 ${format(scheme.maximum)}` : '') +
      (scheme.allowNegative ? '；总分可为负' : '') +
      `；名次：${scheme.ranking === 'dense' ? '中国式排名（1,2,2,3）' : '并列占位（1,2,2,4）'}`,
    sourceText(scheme.source),
    '',
  ];
  for (const item of scheme.items) {
    lines.push(`${item.code}. ${item.name} — ${itemHeading(item)}` + (item.assumption ? `  ${assumptionText(item)}` : ''));
    lines.push(`     ${sourceText(item.source)}`);
    if (item.type === 'deduction' && item.parts.length > 1) item.parts.forEach((p) => lines.push(...partLines(p, '   ')));
    else rulesOf(item).forEach((r) => lines.push(...ruleLines(r, '   ')));
  }
  if (scheme.escalation.length > 0) lines.push('', '累计加倍：');
  for (const g of scheme.escalation) {
    lines.push(`   ${g.name}（${[...g.ruleCodes].join('、')}）：累计第${g.from}次起每次${g.factor}倍  ${sourceText(g.source)}`);
  }
  if (scheme.flags.length > 0) lines.push('', '标注：');
  for (const f of scheme.flags) {
    const w = f.when;
    const when =
      'rule' in w
        ? `出现 ${w.rule}${w.atLeast > 1 ? ` 累计${w.atLeast}次以上` : ''}`
        : 'totalBelow' in w
          ? `总分低于 ${format(w.totalBelow)}`
          : 'unitTotalBelow' in w
            ? `部门合计低于 ${format(w.unitTotalBelow)}`
            : `不满 ${w.monthsBelow} 个月`;
    lines.push(`   ${f.name}：${when}${f.assumption ? `  ${assumptionText(f)}` : ''}  ${sourceText(f.source)}`);
  }
  if (scheme.awards.length > 0) lines.push('', '奖项：');
  for (const a of scheme.awards) lines.push(`   ${a.name}：前${a.top}名（并列超出名额时标注“并列”）${a.assumption ? `  ${assumptionText(a)}` : ''}`);
  if (scheme.grades) {
    const g = scheme.grades;
    lines.push('', `等次：分数线 ${g.thresholds.map((t) => `${format(t)}分以上`).join('、')}${g.assumption ? `  ${assumptionText(g)}` : ''}`);
    for (const [category, labels] of g.labels) lines.push(`   ${category === 'default' ? '其他人员' : category}：${labels.join(' / ')}`);
    if (g.quota) lines.push(`   第${g.quota.level}等次名额：不超过考核人数的${g.quota.share * 100}%（向下取整，至少${g.quota.minimum}人），超出者降一等并标注`);
    for (const c of g.consequences) lines.push(`   第${c.level}等次：${c.flag}`);
  }
  return lines;
}
