import { rulesOf, type Scheme } from './model.js';

/**
 * What a leave word counts as: `leave` excuses the absence and counts leave days of its type
 * (事假 days feed 003's year-end consequences); `present` counts as at work (出差, 外出);
 * `not_excused` excuses nothing — the session is judged by its punches as if no request existed.
 */
export type LeaveClass = 'leave' | 'present' | 'not_excused';

export interface LeaveWord {
  /** The type the days are counted under (年假 → 年休假). */
  type: string;
  class: LeaveClass;
}

/** Word as written in 请假 › 类型 (folded) → what it counts as. */
export type LeaveWords = ReadonlyMap<string, LeaveWord>;

/** 补签: an approved correction of a missed clocking (补卡审批通过); the session counts as punched. */
export const correctionWords = ['补签', '补卡', '补签卡'] as const;
export const correctionType = '补签';

/**
 * 请假 alone: leave the platform marks (钉钉 打卡结果 请假, 企业微信 正常（请假）/无需打卡（请假）)
 * without saying which. It excuses the half as any approved leave does, but its days count under
 * no leave type of the scheme's rules (病事假累计 and the like) until the 请假 sheet gives one.
 */
export const untypedLeaveWord = '请假';

/**
 * The leave and absence words of real exports (attendance-exports.md, "Leave and absence words")
 * and what each counts as when a scheme says nothing else. The built-in schemes state the same
 * mapping in their attendance section (`leave_words`).
 */
const defaultLeaveWordsFile = {
  leave: {
    事假: '事假',
    病假: '病假',
    年休假: '年休假',
    年假: '年休假',
    休年假: '年休假',
    年休: '年休假',
    奖优年假: '年休假',
    调休: '调休',
    调休假: '调休',
    调补休: '调休',
    补休: '调休',
    婚假: '婚假',
    丧假: '丧假',
    产假: '产假',
    产检假: '产检假',
    陪产假: '陪产假',
    哺乳假: '哺乳假',
    例假: '例假',
    育儿假: '育儿假',
    探亲假: '探亲假',
    工伤假: '工伤假',
    工伤: '工伤假',
    独生子女陪护假: '独生子女陪护假',
    疗休养: '疗休养',
  },
  present: { 公差: '公差', 出差: '公差', 公出: '公差', 外出: '外出', 居家办公: '居家办公' },
  not_excused: [] as string[],
} satisfies LeaveWordsFile;

interface LeaveWordsFile {
  leave: Record<string, string>;
  present: Record<string, string>;
  not_excused: string[];
}

/** Word → meaning, after the checks a scheme's `leave_words` gets (see scheme/attendance.ts). */
export function leaveWordsOf(file: LeaveWordsFile): LeaveWords {
  const words = new Map<string, LeaveWord>();
  for (const [word, type] of Object.entries(file.leave)) words.set(foldLeaveWord(word), { type, class: 'leave' });
  for (const [word, type] of Object.entries(file.present)) words.set(foldLeaveWord(word), { type, class: 'present' });
  for (const word of file.not_excused) words.set(foldLeaveWord(word), { type: word, class: 'not_excused' });
  return words;
}

export const defaultLeaveWords: LeaveWords = leaveWordsOf(defaultLeaveWordsFile);

/** Full-width folded, spaces and a trailing （假）/(假) removed: 工伤(假) → 工伤. */
export function foldLeaveWord(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/\(假\)$/, '');
}

/**
 * A 类型 cell as exports write it: the word, `请假-<word>` (HR lists), the word without its 假
 * (事 → 事假) or with one added (工伤 ↔ 工伤假). 补签 and 补卡 are corrections. Null when unknown.
 */
export function resolveLeaveWord(text: string, words: LeaveWords): ({ word: string } & (LeaveWord | { type: typeof correctionType; class: 'correction' })) | null {
  const word = foldLeaveWord(text).replace(/^请假[-—－_:：]?(?=.)/, '');
  if ((correctionWords as readonly string[]).includes(word)) return { word, type: correctionType, class: 'correction' };
  for (const candidate of [word, `${word}假`, word.replace(/假$/, '')]) {
    const found = words.get(candidate);
    if (found) return { word: candidate, ...found };
  }
  // A scheme may say what 请假 alone counts as (above); otherwise it is leave of no stated type.
  if (word === untypedLeaveWord) return { word, type: untypedLeaveWord, class: 'leave' };
  return null;
}

/** Leave whose type was not given (请假 alone, unless the scheme's words map it to a type). */
export function isUntypedLeave(leave: { type: string; class: string }): boolean {
  return leave.class === 'leave' && leave.type === untypedLeaveWord;
}

/** The words a 请假 › 类型 cell may hold, for the "unknown word" message. */
export function acceptedLeaveWords(words: LeaveWords): string[] {
  return [...words.keys(), correctionType];
}

/** Staff categories of the 人员 sheet. */
export const staffCategories = ['公务员', '事业', '工勤', '派驻', '其他'] as const;

/** A staff category as kaohe keys it, in a roster and in a scheme alike: 其它, a common spelling, is 其他. */
export function staffCategory(word: string): string {
  return word === '其它' ? '其他' : word;
}

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
