import { z } from 'zod';
import { parsePoints } from '../core/decimal.js';

/**
 * The scheme file format. Strict everywhere: an unknown key is a mistake in a clerk's copy, not
 * something to ignore. Numbers are points with at most two decimals.
 */
const points = z.number().refine((n) => parsePoints(n) !== null, { message: '分值最多两位小数' });
const positivePoints = points.refine((n) => n > 0, { message: '分值必须大于0' });
const code = z.string().regex(/^\d+(\.\d+)*$/, { message: '代码应为数字加点号，例如 "3" 或 "3.1"（请加引号写成文本）' });

export const sourceSchema = z.strictObject({
  file: z.string().min(1),
  article: z.string().min(1),
});

/** Every number the seed does not give is an assumption, with its one-line reason. */
const assumptionFields = {
  assumption: z.boolean().optional(),
  reason: z.string().min(1).optional(),
};

const ruleCommon = {
  code,
  name: z.string().min(1),
  source: sourceSchema,
  ...assumptionFields,
};

export const ruleSchema = z.discriminatedUnion('kind', [
  /** The same points for every occurrence (每次扣1分). */
  z.strictObject({ ...ruleCommon, kind: z.literal('fixed'), points: positivePoints }),
  /** 视情扣2-5分: the record carries its points inside the range. */
  z.strictObject({ ...ruleCommon, kind: z.literal('ranged'), min: positivePoints, max: positivePoints }),
  /** 每超一天扣1分: points per unit; the record's 次数 is the number of units. */
  z.strictObject({ ...ruleCommon, kind: z.literal('per_unit'), points: positivePoints, unit: z.string().min(1) }),
  /** The record states its points (e.g. double of what should have been deducted). */
  z.strictObject({ ...ruleCommon, kind: z.literal('explicit') }),
]);

const itemCommon = {
  code,
  name: z.string().min(1),
  source: sourceSchema,
  ...assumptionFields,
};

export const itemSchema = z.discriminatedUnion('type', [
  /** Deductions from the item's points; capped at the points (扣完为止) unless it has none. */
  z.strictObject({
    ...itemCommon,
    type: z.literal('deduction'),
    points: positivePoints.optional(),
    rules: z.array(ruleSchema).min(1),
  }),
  /** Peer review: mean of the other subjects' 0–scale ratings converted to the item's points. */
  z.strictObject({
    ...itemCommon,
    type: z.literal('peer'),
    points: positivePoints,
    scale: positivePoints.default(100),
  }),
  /** Bonus points, de-duplicated by 事项编号 and capped. */
  z.strictObject({
    ...itemCommon,
    type: z.literal('bonus'),
    cap: positivePoints.optional(),
    rules: z.array(ruleSchema).min(1),
  }),
]);

export const escalationSchema = z.strictObject({
  name: z.string().min(1),
  /** Rule codes or item codes (an item code stands for all its rules). */
  rules: z.array(code).min(1),
  /** The occurrence number from which points are multiplied (以上 includes it: 5 → 5th onwards). */
  from: z.number().int().min(2),
  factor: z.number().int().min(2),
  source: sourceSchema,
  ...assumptionFields,
});

const flagWhen = z.union([
  z.strictObject({ rule: code }),
  /** Strictly below (低于/为负分 → total_below: 0). */
  z.strictObject({ total_below: points }),
  /** The unit's total (sum of its members' totals) strictly below the number. */
  z.strictObject({ unit_total_below: points }),
]);

export const flagSchema = z.strictObject({
  name: z.string().min(1),
  when: flagWhen,
  source: sourceSchema,
  ...assumptionFields,
});

export const awardSchema = z.strictObject({
  name: z.string().min(1),
  top: z.number().int().min(1),
  source: sourceSchema,
  ...assumptionFields,
});

export const schemeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: '方案编号只用小写字母、数字和连字符' }),
  title: z.string().min(1),
  source: sourceSchema,
  subject: z.enum(['person', 'unit']),
  period: z.enum(['month', 'half', 'year']),
  base: positivePoints,
  bonus_cap: points.nonnegative().default(0),
  maximum: positivePoints.optional(),
  allow_negative: z.boolean().default(false),
  ranking: z.enum(['competition', 'dense']).default('competition'),
  items: z.array(itemSchema).min(1),
  escalation: z.array(escalationSchema).default([]),
  flags: z.array(flagSchema).default([]),
  awards: z.array(awardSchema).default([]),
});

export type SchemeFile = z.infer<typeof schemeSchema>;
export type ItemFile = z.infer<typeof itemSchema>;
export type RuleFile = z.infer<typeof ruleSchema>;
