import * as z from 'zod';
import { parsePoints } from '../core/decimal.js';

/**
 * The scheme file format. Strict everywhere: an unknown key is a mistake in a clerk's copy, not
 * something to ignore. Numbers are points with at most two decimals.
 */
// Custom messages are issue codes (src/core/problems.ts), worded in src/messages.ts.
const points = z.number().refine((n) => parsePoints(n) !== null, { message: 'scheme_points_decimals' });
const positivePoints = points.refine((n) => n > 0, { message: 'scheme_points_positive' });
const code = z.string().regex(/^\d+(\.\d+)*$/, { message: 'scheme_code_format' });

/**
 * Where a value comes from: the document by its readable title (栟茶镇便民服务中心考核办法), the
 * article, and the document's own words exactly as written (garbling included). Optional so a
 * clerk's draft still runs; `kaohe scheme check` warns where it is missing.
 */
const sourceSchema = z.strictObject({
  file: z.string().min(1),
  article: z.string().min(1),
  quote: z.string().min(1).optional(),
});

/**
 * Marks on a value the quote does not give: an assumption (kaohe's default), a reconstruction
 * of damaged text ("扣12分" read as 1-2), or a rule borrowed from another document. Each needs
 * its one-line reason.
 */
const assumptionFields = {
  assumption: z.boolean().optional(),
  reconstructed: z.boolean().optional(),
  borrowed: z.boolean().optional(),
  reason: z.string().min(1).optional(),
};

const sourced = { source: sourceSchema.optional(), ...assumptionFields };

const ruleCommon = {
  code,
  name: z.string().min(1),
  ...sourced,
  /** At most once in a period (视情扣1-2分 without 每次): only the heaviest record counts. */
  once: z.boolean().optional(),
  /** Days one 次数 of a typed record stands for where days are counted (旷工半天: 0.5); 1 when not given. */
  days_per_count: z.number().positive().multipleOf(0.5).optional(),
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
  /** 迟到、早退每5次扣1分: points for every full `every` occurrences in the period. */
  z.strictObject({ ...ruleCommon, kind: z.literal('per_n'), every: z.number().int().min(2), points: positivePoints }),
  /** 病事假累计超过20天扣1分: points once when the period's total exceeds the threshold (超过: not included). */
  z.strictObject({
    ...ruleCommon,
    kind: z.literal('over'),
    threshold: z.number().int().min(0),
    points: positivePoints,
    unit: z.string().min(1),
    /** year: the threshold is the calendar year's (全年累计), counted across the year's periods. */
    span: z.enum(['period', 'year']).default('period'),
    /**
     * The leave types (病假、事假) whose days the records count: with a 请假 sheet, kaohe hints where
     * the days it reads and the typed records disagree on passing the threshold. The records score.
     */
    leave_types: z.array(z.string().min(1)).min(1).optional(),
  }),
  /**
   * 办结率每减少1个百分点扣0.5分: a value from the 指标 sheet; (target − value) / per × points,
   * proportional and rounded half up.
   */
  z.strictObject({
    ...ruleCommon,
    kind: z.literal('rate'),
    metric: z.string().min(1),
    target: positivePoints,
    per: positivePoints,
    points: positivePoints,
  }),
  /** A recorded event that scores nothing and only raises a flag (退回所在部门). */
  z.strictObject({ ...ruleCommon, kind: z.literal('flag') }),
]);

/** A sub-item of a section (考勤 8 of 出勤值勤 15), capped at its own points. */
const partSchema = z.strictObject({
  name: z.string().min(1),
  points: positivePoints,
  /** Earned parts start at 0 and rise to their points (创新: +5 each, at most 5). */
  earned: z.boolean().default(false),
  ...sourced,
  rules: z.array(ruleSchema).min(1),
});

const itemCommon = {
  code,
  name: z.string().min(1),
  ...sourced,
};

const itemSchema = z.discriminatedUnion('type', [
  /**
   * Deductions from the item's points, capped at the points (扣完为止) unless it has none.
   * Either rules directly, or parts with their own points and caps.
   */
  z.strictObject({
    ...itemCommon,
    type: z.literal('deduction'),
    points: positivePoints.optional(),
    rules: z.array(ruleSchema).min(1).optional(),
    parts: z.array(partSchema).min(1).optional(),
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
  /** A mark given by the committee (评分 sheet), between 0 and the item's points. */
  z.strictObject({ ...itemCommon, type: z.literal('mark'), points: positivePoints }),
  /** points × mean of the period's monthly base scores (bonus excluded) / scale. */
  z.strictObject({
    ...itemCommon,
    type: z.literal('monthly'),
    points: positivePoints,
    scale: positivePoints.default(100),
    /** The monthly scheme whose results feed this item (built-in id or file). */
    scheme: z.string().min(1),
  }),
  /** points × the person's unit total under another (unit) scheme / scale. */
  z.strictObject({
    ...itemCommon,
    type: z.literal('unit_share'),
    points: positivePoints,
    scale: positivePoints,
    scheme: z.string().min(1),
  }),
  /** Veto conditions: recorded events that only raise flags, whatever the score. */
  z.strictObject({ ...itemCommon, type: z.literal('veto'), rules: z.array(ruleSchema).min(1) }),
]);

const escalationSchema = z.strictObject({
  name: z.string().min(1),
  /** Rule codes or item codes (an item code stands for all its rules). */
  rules: z.array(code).min(1),
  /** The occurrence number from which points are multiplied (以上 includes it: 5 → 5th onwards). */
  from: z.number().int().min(2),
  factor: z.number().int().min(2),
  ...sourced,
});

const flagWhen = z.union([
  /** Any record of the rule, or its occurrences (次数 summed) reaching at_least (以上: included). */
  z.strictObject({ rule: code, at_least: z.number().int().min(1).optional() }),
  /** Days of the rule's records reaching the number (以上: included); absent half-days count 0.5. */
  z.strictObject({ rule: code, days_at_least: z.number().gt(0) }),
  /** Strictly below (低于/为负分 → total_below: 0). */
  z.strictObject({ total_below: points }),
  /** The unit's total (sum of its members' totals) strictly below the number. */
  z.strictObject({ unit_total_below: points }),
  /** Fewer months of results than the number (不满一年 → months_below: 12). */
  z.strictObject({ months_below: z.number().int().min(1).max(12) }),
]);

/**
 * The words a flag may show on a public notice (取消评先评优资格). A flag without them is
 * internal: it appears on the score sheet, audit and JSON, never on a notice, so a user's scheme
 * that forgets them leaks nothing. The name stays the private reason.
 */
const publicWording = z.string().min(1).optional();

/**
 * What a flag does to the 考核奖 (money = points × 每分分值): cancel (不享受考核奖, 取消全年考核奖)
 * pays nothing; withhold (扣发一个月考核奖, 取消半年考核奖) takes off an amount the rules set, left
 * for the clerk to work out. Without it the flag leaves the money alone.
 */
const bonusEffect = z.enum(['cancel', 'withhold']).optional();

const flagSchema = z.strictObject({
  name: z.string().min(1),
  public: publicWording,
  when: flagWhen,
  ...sourced,
});

const awardSchema = z.strictObject({
  name: z.string().min(1),
  top: z.number().int().min(1),
  ...sourced,
});

/**
 * Grades by thresholds (≥, 以上 includes the number), labelled by the person's category, with an
 * optional quota on one grade and flags for some grades.
 */
const gradesSchema = z.strictObject({
  /** Lowest total of each grade but the last, from the best grade down. */
  thresholds: z.array(points).min(1),
  /** Label lists by staff category (人员表 › 类别); "default" for every other category. */
  labels: z.record(z.string(), z.array(z.string().min(1))),
  quota: z
    .strictObject({
      /** 1 = the best grade. */
      level: z.number().int().min(1),
      /** Share of the people assessed (0.2 = 20%, two decimals at most), rounded down, at least `minimum`. */
      share: points.refine((n) => n > 0 && n <= 1, { message: 'scheme_value_invalid' }),
      minimum: z.number().int().min(0).default(1),
    })
    .optional(),
  consequences: z.array(z.strictObject({ level: z.number().int().min(1), flag: z.string().min(1), public: publicWording, bonus: bonusEffect, ...sourced })).default([]),
  ...sourced,
});

const minutes = z.number().int().min(0).max(240);

/** A session of a shift: "08:00-11:30", or with its own grace. */
const sessionSpec = z.union([z.string().min(1), z.strictObject({ time: z.string().min(1), late_grace: minutes.optional(), early_grace: minutes.optional() })]);

/**
 * A day's shift: the text a 班次 cell takes ("08:00-11:30,14:00-17:30", "夜班 22:00-次日06:00",
 * "弹性 10:00-15:00 8小时", "休息"), or sessions with their own grace, two punches a day
 * (first_last), or flexible hours (one core session plus a length).
 */
export const shiftSpecSchema = z.union([
  z.string().min(1),
  z.strictObject({
    sessions: z.array(sessionSpec).min(1).max(3),
    punches: z.enum(['each', 'first_last']).default('each'),
    flexible_hours: z.number().positive().max(24).optional(),
  }),
]);

/** The centre's working hours (作息时间): seasons, named shifts, grace, and when lateness is absence. */
const hoursSchema = z.strictObject({
  seasons: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        /** Month-day the season begins ("05-01"); the last season runs on into the next year. */
        from: z.string().regex(/^\d{2}-\d{2}$/, { message: 'scheme_value_invalid' }),
        shift: shiftSpecSchema,
        ...sourced,
      }),
    )
    .min(1),
  /** Minutes after a start (before an end) still on time, for sessions without their own. */
  grace_minutes: minutes.default(0),
  /** Late or early by this many minutes or more (以上) → that half day counts as absent. */
  absent_from_minutes: z.number().int().min(1).max(720).optional(),
  /** Shifts a 班次 cell may name (早班, 夜班, ZKTeco shift numbers). */
  shifts: z.record(z.string().min(1), shiftSpecSchema).default({}),
  ...sourced,
});

/** Leave words → leave days of a type, present (at work elsewhere), or not excused. */
const leaveWordsSchema = z.strictObject({
  leave: z.record(z.string().min(1), z.string().min(1)),
  present: z.record(z.string().min(1), z.string().min(1)).default({}),
  not_excused: z.array(z.string().min(1)).default([]),
  ...sourced,
});

/**
 * How attendance derived from punches (考勤) maps to the scheme's rules. Kinds left out are not
 * scored (缺卡 is listed for follow-up unless mapped). `hours` and `leave_words` default to
 * 003's hours and the exports' leave words.
 */
export const attendanceSchema = z.strictObject({
  hours: hoursSchema.optional(),
  leave_words: leaveWordsSchema.optional(),
  late: code.optional(),
  early: code.optional(),
  /** One record per unexcused absence day (one or both sessions absent). */
  absent_day: code.optional(),
  /** One record per unexcused absent half-day (session). */
  absent_half_day: code.optional(),
  missing_punch: code.optional(),
  /** 全勤且无违纪: every session present (公差 and 补签 count as present), no leave, no deduction. */
  full_attendance: z.strictObject({ rule: code, points: positivePoints.optional() }).optional(),
  ...sourced,
});

/**
 * 临时替岗 (a person covering another's window): the 替岗 sheet says who covered whom, which days;
 * the covering person is assessed on those days and marked with this flag.
 */
const coverSchema = z.strictObject({
  flag: z.string().min(1),
  public: publicWording,
  ...sourced,
});

/**
 * Year-end rules for a scheme scored by month or half year: how the periods combine, and the
 * year's flags, awards and leave consequences (003 请假制度).
 */
const yearSchema = z.strictObject({
  /** sum (每月分数累计), mean (of the periods present), or none (each period stands alone). */
  total: z.enum(['sum', 'mean', 'none']),
  /** For sums: people present part of the year are compared on total × 12 / months present. */
  prorate: z.boolean().default(false),
  /** A monthly scheme's year also shows each half year (上半年、下半年) by the same rule. */
  halves: z.boolean().default(false),
  flags: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        public: publicWording,
        /** Strictly below the number; with lowest, also the lowest (or tied lowest) of the centre. */
        when: z.strictObject({ total_below: points, lowest: z.boolean().default(false) }),
        /** Extra words by staff category (条管部门人员: 建议上级主管部门调离). */
        notes: z.record(z.string(), z.string().min(1)).default({}),
        ...sourced,
      }),
    )
    .default([]),
  awards: z.array(z.strictObject({ name: z.string().min(1), top: z.number().int().min(1), ...sourced })).default([]),
  /** Flags from a year of leave and attendance: more than `over` (超过: not included). */
  leave: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        public: publicWording,
        measure: z.enum(['absent_days', 'consecutive_absent_days', 'leave_days']),
        type: z.string().min(1).optional(),
        over: z.number().int().min(0),
        bonus: bonusEffect,
        ...sourced,
      }),
    )
    .default([]),
  ...sourced,
});

export const schemeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'scheme_id_format' }),
  title: z.string().min(1),
  /** The scheme's document; its marks are about base, bonus_cap and maximum. */
  ...sourced,
  subject: z.enum(['person', 'unit']),
  /** What the document calls a unit (窗口, 科室): the outputs' unit column, and a unit scheme's notice title. */
  unit_label: z.string().min(1).default('窗口'),
  /** Who the document says settles a tie past an award's places or a grade's quota (中心主任办公会, 考核小组). */
  decided_by: z.string().min(1).default('考核组织'),
  period: z.enum(['month', 'half', 'year']),
  base: positivePoints,
  bonus_cap: points.nonnegative().default(0),
  maximum: positivePoints.optional(),
  allow_negative: z.boolean().default(false),
  ranking: z.enum(['competition', 'dense']).default('competition'),
  /** The most a record's 次数 may be where its rule does not count days (those stop at the period's days). */
  count_limit: z.number().int().min(1).default(100),
  items: z.array(itemSchema).min(1),
  escalation: z.array(escalationSchema).default([]),
  flags: z.array(flagSchema).default([]),
  awards: z.array(awardSchema).default([]),
  grades: gradesSchema.optional(),
  attendance: attendanceSchema.optional(),
  cover: coverSchema.optional(),
  year: yearSchema.optional(),
});

export type SchemeFile = z.infer<typeof schemeSchema>;
export type RuleFile = z.infer<typeof ruleSchema>;
export type AttendanceFile = z.infer<typeof attendanceSchema>;
export type ShiftSpec = z.infer<typeof shiftSpecSchema>;
