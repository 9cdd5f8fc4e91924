import { existsSync, readFileSync, statSync } from 'node:fs';
import { assertRegularFile } from '../core/files.js';
import * as z from 'zod';
import { ProfileError, UsageError, type ProfileIssue, type ProfileIssueCode } from '../core/problems.js';
import { lineOf, parseYaml, placedIssues, plainData, shown, unwritableTexts } from '../scheme/yaml-file.js';
import { columnKeys, compileProfile, legendMeanings, verdictKinds, type ColumnKey, type Profile, type ShapeNeed } from './profile.js';

/**
 * A profile file read and checked like a scheme: YAML, the format's checks (zod) and the rules
 * they cannot say alone. Loaded only for a user's --profile, for the build (scripts/build-profiles.mjs,
 * which compiles the built-in ones into dist/profiles.json) and when a built-in file changed since.
 */

const text = z.string().trim().min(1);
const words = z.array(text).min(1);
const columnKey = z.enum(columnKeys);

const verdictColumn = z.strictObject({
  columns: words,
  /** minutes: a duration (迟到时间 00:12) present when above 0; count: a number of times or days; flag: True/是. */
  read: z.enum(['minutes', 'count', 'flag']),
});

const profileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'profile_id_format'),
  name: text,
  family: z.enum(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8']),
  about: text.optional(),
  identify: z.strictObject({
    /** Columns that must all be found. */
    columns: z.array(columnKey).min(1),
    /** Header words that must also be present (after a two-row header is joined: 上班1打卡时间). */
    words: words.optional(),
    /** Sheet names and title-block words that strengthen a match. */
    sheet: words.optional(),
    title: words.optional(),
    /** Words the sheet name or the title block must hold (a header of 姓名 and day numbers alone says too little). */
    named: words.optional(),
    /** A headerless text log: columns are named by position (#1, #2 …). */
    source: z.enum(['attlog']).optional(),
  }),
  /** 1 or 2 header rows; found by content when left out. */
  header: z.strictObject({ rows: z.union([z.literal(1), z.literal(2)]) }).optional(),
  shape: z.enum(['log', 'day', 'grid', 'blocks', 'cards', 'leave', 'summary']),
  /**
   * anomalies: the sheet has rows only for person-days with an anomaly (ZKTeco 异常统计). Its
   * silence elsewhere is not an absence, so it may declare no punch columns and is never a
   * punch source; given alone it is refused.
   */
  coverage: z.enum(['anomalies']).optional(),
  columns: z.partialRecord(columnKey, words),
  /**
   * Fixed in/out slots of a person-day row (F2): the time column and its result column. For
   * cards, the slots of each card's day table (上午上班 …), every card of the sheet alike.
   */
  slots: z.array(z.strictObject({ role: z.enum(['in', 'out']), time: text, result: text.optional() })).optional(),
  /** What the role column says for a clock-in and a clock-out. */
  roles: z.strictObject({ in: words, out: words }).optional(),
  /**
   * Grids (F4, F6, F8) and summaries with day columns: what a day cell holds. shifts: a schedule's
   * shift numbers, whose times live in the clock software, not in the export — recognised so it
   * is never read as punches or statuses, and not read.
   */
  cells: z.enum(['times', 'status', 'shifts']).optional(),
  /**
   * Hand-kept status grids (F6): what each word or category name means. With a legend every day
   * cell must be read — by these words, the sheet's own legend of symbols, or as a leave word —
   * or it is reported at its cell.
   */
  legend: z.partialRecord(text, z.enum(legendMeanings)).optional(),
  /** Words that mean an empty cell here, besides --, -, (-), /, 未打卡, 无. */
  blank: words.optional(),
  markers: z
    .strictObject({
      /** The platform discarded the punch (打卡无效…): dropped and counted. */
      invalid: words.optional(),
      /** An approved correction, not a real clocking (补卡审批通过): 补签 for that half day. */
      correction: words.optional(),
      /** The platform overruled its verdict (管理员*改为正常): the half day counts as 补签, the punch is kept. */
      approved: words.optional(),
      /** A rest or unscheduled day (休息, 未排班). */
      rest: words.optional(),
      /** On leave that day (请假); the type comes from the leave column when there is one. */
      leave: words.optional(),
    })
    .optional(),
  /** The platform's verdict words in results and status cells, in order: the first that fits a piece wins. */
  results: z.partialRecord(text, z.enum(verdictKinds)).optional(),
  /** Verdict columns: 迟到时间, 是否旷工 (F2) or counts per person (F5). */
  verdicts: z.partialRecord(z.enum(verdictKinds), verdictColumn).optional(),
  /** Approval lists (F7): only rows whose status and outcome say approved count. */
  approval: z.strictObject({ status: words.optional(), outcome: words.optional() }).optional(),
  /** Leave types as approval lists write them: prefixes to strip (请假-), types that are not leave (加班). */
  leave: z.strictObject({ strip: words.optional(), skip: words.optional() }).optional(),
  /** Labels that introduce the covered range in the title block, besides the usual ones. */
  range: z.strictObject({ labels: words }).optional(),
});

export type ProfileData = z.infer<typeof profileSchema>;

/** A user's profile file (--profile); problems name the line and path like a scheme's. */
export function loadProfileFile(path: string): Profile {
  if (!existsSync(path)) throw new UsageError('profile_file_missing', { file: path });
  // A pipe would wait forever and a huge file is no profile: refused before reading, as a scheme is.
  assertRegularFile(path);
  if (statSync(path).size > profileLimits.bytes) throw profileLimitError(path, 'profile_too_large', `${profileLimits.bytes / 1024} KB`);
  return parseProfileText(readFileSync(path, 'utf8'), path);
}

/** A profile is a page of YAML: these bound what reading one may cost. */
const profileLimits = { bytes: 256 * 1024, aliases: 50 } as const;

function profileLimitError(origin: string, code: ProfileIssueCode, limit: string): ProfileError {
  return new ProfileError(origin, [{ code, args: { limit }, where: { file: origin, path: [] } }]);
}

export function parseProfileText(source: string, origin: string): Profile {
  return compileProfile(readProfileData(source, origin), origin);
}

/**
 * A profile's YAML text read and checked: its data, or a ProfileError with every problem.
 * @public also used by scripts/build-profiles.mjs, which imports it from dist/ where knip does not look.
 */
export function readProfileData(source: string, origin: string): ProfileData {
  const { doc, counter, errors } = parseYaml(source);
  if (errors.length > 0) {
    throw new ProfileError(origin, errors.map(({ detail, line }) => ({ code: 'profile_yaml' as const, args: { detail }, where: { file: origin, ...(line ? { line } : {}), path: [] } })));
  }
  const plain = plainData(doc, profileLimits.aliases);
  if (!plain) throw profileLimitError(origin, 'profile_too_many_aliases', String(profileLimits.aliases));
  const located = (path: (string | number)[], code: ProfileIssueCode, args: ProfileIssue['args'] = {}): ProfileIssue => {
    const line = lineOf(doc, counter, path);
    return { code, args, where: { file: origin, ...(line ? { line } : {}), path } };
  };
  // Reported with the file's other problems: a profile's name and words reach the import's notes.
  const textIssues = unwritableTexts(plain.data).map(({ path, character }) => located(path, 'profile_text_character', { character }));
  const parsed = profileSchema.safeParse(plain.data);
  if (!parsed.success) {
    throw new ProfileError(origin, [
      ...textIssues,
      ...placedIssues(parsed.error.issues, plain.data, profileSchema).map((p) => ('key' in p ? located(p.path, 'profile_key_unknown', p.args) : located(p.path, ...issueCode(p.issue, p.value)))),
    ]);
  }
  const issues = [...textIssues, ...crossChecks(parsed.data).map((i) => located(i.path, i.code, i.args))];
  if (issues.length > 0) throw new ProfileError(origin, issues);
  return parsed.data;
}

type PathIssue = { path: (string | number)[]; code: ProfileIssueCode; args: ProfileIssue['args'] };

/** Rules zod cannot say alone: what each shape needs, and that identify names declared columns. */
function crossChecks(p: ProfileData): PathIssue[] {
  const issues: PathIssue[] = [];
  p.identify.columns.forEach((key, i) => {
    if (!p.columns[key]) issues.push({ path: ['identify', 'columns', i], code: 'profile_column_undeclared', args: { column: key } });
  });
  const has = (k: ColumnKey) => p.columns[k] !== undefined;
  if (!has('id') && !has('clockId') && !has('name')) issues.push({ path: ['columns'], code: 'profile_who_missing', args: {} });
  // `needs` names what is missing; src/messages.ts words it.
  const need = (ok: boolean, needs: ShapeNeed) => ok || issues.push({ path: ['shape'], code: 'profile_shape_needs', args: { shape: p.shape, needs } });
  switch (p.shape) {
    case 'log':
      need(has('datetime') || (has('date') && has('time')), 'datetime_or_date_time');
      break;
    case 'day':
      need(has('date'), 'date');
      need(has('times') || has('time') || (p.slots?.length ?? 0) > 0 || p.verdicts !== undefined, 'times_or_slots');
      break;
    case 'leave':
      need(has('type') && has('start'), 'type_start');
      break;
    case 'grid':
      need(p.cells !== undefined, 'cells');
      break;
    case 'summary':
      need(p.verdicts !== undefined || p.cells === 'status', 'verdicts_or_status');
      break;
    case 'cards':
      need(has('date'), 'date');
      need((p.slots?.length ?? 0) > 0, 'slots');
      break;
    case 'blocks':
      break;
  }
  // Rows only on anomaly days: a punch read from them would leave every other day without one.
  if (p.coverage === 'anomalies') {
    const times = has('time') || has('times') || has('datetime') || (p.slots?.length ?? 0) > 0 || p.shape === 'blocks' || p.shape === 'cards' || p.cells === 'times';
    if (times || p.verdicts === undefined) issues.push({ path: ['coverage'], code: 'profile_shape_needs', args: { shape: p.shape, needs: 'verdicts_without_times' } });
  }
  if (p.legend && p.cells !== 'status') issues.push({ path: ['legend'], code: 'profile_shape_needs', args: { shape: p.shape, needs: 'status_for_legend' } });
  return issues;
}

function issueCode(issue: { code: string; message: string; values?: unknown[]; expected?: unknown }, value: unknown): [ProfileIssueCode, ProfileIssue['args']] {
  if (value === undefined) return ['profile_value_required', { expected: shown(issue.expected) }];
  switch (issue.code) {
    case 'invalid_type':
      return ['profile_value_type', { expected: shown(issue.expected) }];
    case 'invalid_value':
      return ['profile_value_option', { value: shown(value), options: (issue.values ?? []).map(shown).join('、') }];
    default:
      // The id's format is the one pattern a profile has: its message is its code.
      return issue.message === 'profile_id_format' ? ['profile_id_format', { value: shown(value) }] : ['profile_value_invalid', { value: shown(value) }];
  }
}
