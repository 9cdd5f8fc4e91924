import { clock } from '../calendar/hours.js';
import { format } from '../core/decimal.js';
import { quotaPendingWord } from '../messages.js';
import { quotaRulingKey } from '../score/grades.js';
import { ruleLabel, rulesOf, type Assumption, type Item, type Part, type Rule, type Scheme, type Source } from '../scheme/model.js';

/** The words kaohe uses for a scheme's parts, for `kaohe scheme show` and the template's 说明. */
const subjectChinese = { person: '个人', unit: '窗口/科室' } as const;
const periodChinese = { month: '每月', half: '每半年', year: '每年' } as const;

function ruleText(rule: Rule): string {
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
  if (!source) return '出处：未注明';
  return `出处：《${source.file}》${source.article}${source.quote ? `\u3000原文：“${source.quote}”` : ''}`;
}

/** The marks on a value: 【假定】 kaohe's default, 【原文残缺，复原】 rebuilt, 【借用】 from another document. */
function assumptionText(x: Assumption): string {
  const marks = [x.assumption ? '【假定】' : '', x.reconstructed ? '【原文残缺，复原】' : '', x.borrowed ? '【借用】' : ''].join('');
  return marks ? `${marks}${x.reason ?? ''}` : '';
}

function marked(x: Assumption): boolean {
  return x.assumption || x.reconstructed || x.borrowed;
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

/** The source line and, when marked, the mark line of a value, indented under it. */
function provenanceLines(x: Assumption & { source: Source | null }, indent: string): string[] {
  return [...(marked(x) ? [`${indent}${assumptionText(x)}`] : []), `${indent}${sourceText(x.source)}`];
}

function partLines(part: Part, indent: string): string[] {
  const head = `${indent}小项 ${part.name}${part.points === null ? '' : ` ${format(part.points)}分${part.earned ? '（从0分起加，至多此数）' : ''}`}`;
  return [head, ...provenanceLines(part, indent + '      '), ...part.rules.flatMap((r) => ruleLines(r, indent + '  '))];
}

function ruleLines(rule: Rule, indent: string): string[] {
  const once = rule.once ? '（每期至多一次，取最重一条）' : '';
  const span = rule.kind === 'over' && rule.span === 'year' ? '（按全年累计，含本年此前各期）' : '';
  // A count that stands for other than one day (旷工半天): the year's absence days count it so.
  const days = rule.daysPerCount === 1 ? '' : `（每次计${rule.daysPerCount}天）`;
  const leave = rule.kind === 'over' && rule.leaveTypes.length > 0 ? `（人工填写；给出请假表时与其中${rule.leaveTypes.join('、')}天数核对并提示）` : '';
  return [`${indent}${rule.code.padEnd(5)} ${rule.name}：${ruleText(rule)}${once}${span}${days}${leave}`, ...provenanceLines(rule, indent + '      ')];
}

/** A scheme as readable Chinese text: items, codes, points, rules, sources and their marks. */
export function describeScheme(scheme: Scheme): string[] {
  const lines = [
    `${scheme.title}（${scheme.id}）`,
    `考核对象：${subjectChinese[scheme.subject]}；周期：${periodChinese[scheme.period]}；基本分 ${format(scheme.base)}` +
      (scheme.bonusCap > 0 ? `，加分最多 ${format(scheme.bonusCap)}，最高 ${format(scheme.maximum)}` : '') +
      (scheme.allowNegative ? '；总分可为负' : '') +
      `；名次：${scheme.ranking === 'dense' ? '中国式排名（1,2,2,3）' : '并列占位（1,2,2,4）'}`,
    ...provenanceLines(scheme, ''),
    '',
  ];
  for (const item of scheme.items) {
    lines.push(`${item.code}. ${item.name} — ${itemHeading(item)}`, ...provenanceLines(item, '     '));
    if (item.type === 'deduction' && item.parts.length > 1) item.parts.forEach((p) => lines.push(...partLines(p, '   ')));
    else rulesOf(item).forEach((r) => lines.push(...ruleLines(r, '   ')));
  }
  if (scheme.escalation.length > 0) lines.push('', '累计加倍：');
  for (const g of scheme.escalation) {
    lines.push(`   ${g.name}（${[...g.ruleCodes].join('、')}）：累计第${g.from}次起每次${g.factor}倍`, ...provenanceLines(g, '      '));
  }
  if (scheme.flags.length > 0) lines.push('', '标注：');
  for (const f of scheme.flags) lines.push(`   ${f.name}：${flagWhen(f.when)}`, ...provenanceLines(f, '      '));
  if (scheme.awards.length > 0) lines.push('', '奖项：');
  for (const a of scheme.awards) lines.push(`   ${a.name}：前${a.top}名（并列超出名额时都标注“并列”，由${scheme.decidedBy}研究确定）`, ...provenanceLines(a, '      '));
  if (scheme.grades) {
    const g = scheme.grades;
    lines.push('', `等次：分数线 ${g.thresholds.map((t) => `${format(t)}分以上`).join('、')}`, ...provenanceLines(g, '   '));
    for (const [category, labels] of g.labels) lines.push(`   ${category === 'default' ? '其他人员' : category}：${labels.join(' / ')}`);
    if (g.quota) {
      const limited = g.labels.get('default')?.[g.quota.level - 1] ?? '';
      lines.push(
        `   ${limited}名额：不超过考核人数的${format(g.quota.share * 100 as typeof g.quota.share)}%（向下取整，至少${g.quota.minimum}人），超出者降一等并标注；` +
          `名额处并列而超出时，并列者暂评下一等次并标注“${quotaPendingWord(limited)}”，由考核组织在“设置”表“${quotaRulingKey(g) ?? ''}”中填写确定的工号后重新计算`,
      );
    }
    for (const c of g.consequences) lines.push(`   第${c.level}等次：${c.flag}`, ...provenanceLines(c, '      '));
  }
  if (scheme.attendance) lines.push('', '考勤推算：', ...provenanceLines(scheme.attendance, '   '), ...attendanceLines(scheme.attendance));
  if (scheme.cover) lines.push('', `临时替岗（“替岗”表）：替岗人按替岗日期参加考核，标注“${scheme.cover.flag}”`, ...provenanceLines(scheme.cover, '   '));
  if (scheme.year) lines.push('', ...yearLines(scheme.year));
  return lines;
}

/** When a flag is raised: 出现 4.1 累计3次以上, 总分低于 60 … */
function flagWhen(w: Scheme['flags'][number]['when']): string {
  if ('atLeast' in w) return `出现 ${w.rule}${w.atLeast > 1 ? ` 累计${w.atLeast}次以上` : ''}`;
  if ('daysAtLeast' in w) return `${w.rule} 累计${format(w.daysAtLeast)}天以上（半天按0.5天累加）`;
  if ('totalBelow' in w) return `总分低于 ${format(w.totalBelow)}`;
  if ('unitTotalBelow' in w) return `部门合计低于 ${format(w.unitTotalBelow)}`;
  return `不满 ${w.monthsBelow} 个月`;
}

/** The hours, the lateness threshold and the leave words a scheme states, each with its source and marks. */
function attendanceLines(a: NonNullable<Scheme['attendance']>): string[] {
  const lines: string[] = [];
  const p = a.provenance;
  for (const season of a.hours.seasons) {
    const sessions = season.shift.sessions.map((x) => `${x.name} ${clock(x.start)}-${clock(x.end)}${x.lateGrace || x.earlyGrace ? `（宽限 ${x.lateGrace / 60}/${x.earlyGrace / 60} 分钟）` : ''}`).join('，');
    const punching = season.shift.length !== null ? `，弹性：满${season.shift.length / 3600}小时` : season.shift.punching === 'first_last' ? '，每天只打上下班两次' : '';
    lines.push(`   作息 ${season.name}（${season.from} 起）：${sessions}${punching}`);
    const from = p.seasons.get(season.name);
    if (from) lines.push(...provenanceLines(from, '      '));
  }
  const threshold = a.hours.absentFromMinutes === null ? '迟到、早退不论多久都只计迟到、早退' : `迟到或早退${a.hours.absentFromMinutes}分钟以上，该半天按旷工`;
  lines.push(`   宽限${a.hours.grace / 60}分钟；${threshold}`);
  if (p.hours) lines.push(...provenanceLines(p.hours, '      '));
  const byClass = (c: string) => {
    const types = new Map<string, string[]>();
    for (const [word, w] of a.words) if (w.class === c) types.set(w.type, [...(types.get(w.type) ?? []), word]);
    return [...types].map(([type, words]) => (words.length === 1 && words[0] === type ? type : `${type}（${words.join('、')}）`)).join('、') || '无';
  };
  lines.push(`   请假用词：计请假 ${byClass('leave')}；视为在岗 ${byClass('present')}；不作请假 ${byClass('not_excused')}；补签（补卡）视为已打卡`);
  if (p.words) lines.push(...provenanceLines(p.words, '      '));
  return lines;
}

const yearTotalChinese = { sum: '各期得分相加', mean: '各期得分平均（按参加考核的期数）', none: '各期各自考核，不合计' } as const;

function yearLines(year: NonNullable<Scheme['year']>): string[] {
  const lines = [`年度：${yearTotalChinese[year.total]}${year.halves ? '；另列上、下半年' : ''}${year.prorate ? '；年中到岗、离岗者按在岗期折算比较' : ''}`, ...provenanceLines(year, '   ')];
  for (const a of year.awards) lines.push(`   ${a.name}：全年前${a.top}名（kaohe year --top N 可改名额）`, ...provenanceLines(a, '      '));
  for (const f of year.flags) lines.push(`   ${f.name}：全年低于${format(f.totalBelow)}分${f.lowest ? '且为最低' : ''}`, ...provenanceLines(f, '      '));
  for (const l of year.leave) lines.push(`   ${l.name}：${l.measure === 'leave_days' ? `${l.type}` : l.measure === 'absent_days' ? '旷工' : '连续旷工'}超过${l.over}天`, ...provenanceLines(l, '      '));
  return lines;
}

/**
 * The marked values (assumption, reconstruction, borrowing) a run relied on, as [where, marks]
 * lines for the 说明 sheet: every structural one, and a rule's only when some record used it
 * (`usedRules`; all when not known). Year marks only for a year run. A season's hours are not relied
 * on when the command line or 设置 replaced them (`replacedSeasons`).
 */
export function assumptionLines(scheme: Scheme, usedRules: ReadonlySet<string> | null, yearRun: boolean, replacedSeasons: ReadonlySet<string> = new Set()): [string, string][] {
  const lines: [string, string][] = [];
  const add = (where: string, x: Assumption) => {
    if (marked(x)) lines.push([where, assumptionText(x)]);
  };
  add('方案（基本分、加分上限、最高分）', scheme);
  for (const item of scheme.items) {
    add(`${item.code}. ${item.name}`, item);
    if (item.type === 'deduction' && item.parts.length > 1) item.parts.forEach((p) => add(`${item.code}. ${item.name} › 小项 ${p.name}`, p));
    for (const rule of rulesOf(item)) if (usedRules === null || usedRules.has(rule.code)) add(ruleLabel(rule), rule);
  }
  for (const g of scheme.escalation) add(`累计加倍 ${g.name}`, g);
  for (const f of scheme.flags) add(`标注 ${f.name}`, f);
  for (const a of scheme.awards) add(`奖项 ${a.name}`, a);
  if (scheme.grades) {
    add('等次分数线与名额', scheme.grades);
    for (const c of scheme.grades.consequences) add(`等次后果 ${c.flag}`, c);
  }
  if (scheme.attendance) {
    add('考勤推算', scheme.attendance);
    for (const [name, p] of scheme.attendance.provenance.seasons) if (!replacedSeasons.has(name)) add(`作息 ${name}`, p);
    if (scheme.attendance.provenance.hours) add('作息宽限与旷工界限', scheme.attendance.provenance.hours);
    if (scheme.attendance.provenance.words) add('请假用词', scheme.attendance.provenance.words);
  }
  if (scheme.cover) add(`临时替岗 ${scheme.cover.flag}`, scheme.cover);
  if (scheme.year && yearRun) {
    add('年度合计', scheme.year);
    for (const a of scheme.year.awards) add(`年度奖项 ${a.name}`, a);
    for (const f of scheme.year.flags) add(`年度标注 ${f.name}`, f);
    for (const l of scheme.year.leave) add(`年度标注 ${l.name}`, l);
  }
  return lines;
}
