import { rulesOf, type Scheme } from './model.js';

/** Leave types of the 请假 sheet (input-format.md). */
export const leaveTypes = ['事假', '病假', '年休假', '婚假', '丧假', '产假', '公差', '补签'] as const;

/** Staff categories of the 人员 sheet. */
export const staffCategories = ['公务员', '事业', '工勤', '派驻', '其他'] as const;

/**
 * The lists a template's dropdowns (data validation) offer for a scheme: what may be typed in
 * 记录 › 项目 (recordable rules, "7.1 群众投诉查证属实"), 评分 › 项目 and 指标 › 指标.
 */
export function dropdownLists(scheme: Scheme): { records: string[]; marks: string[]; metrics: string[] } {
  const rules = scheme.items.flatMap(rulesOf);
  return {
    records: rules.filter((r) => r.kind !== 'rate').map((r) => `${r.code} ${r.name}`),
    marks: scheme.items.filter((it) => it.type === 'mark').map((it) => `${it.code} ${it.name}`),
    metrics: [...new Set(rules.flatMap((r) => (r.kind === 'rate' ? [r.metric] : [])))],
  };
}
