import { cleanName } from '../core/text.js';
import { UsageError } from '../core/problems.js';
import type { Person } from '../core/input.js';
import { subjectExplanation, yearExplanation } from '../messages/explain.js';
import type { ScoreResult, SubjectResult } from '../score/result.js';
import type { YearResult, YearRow } from '../score/year.js';
import { nearest } from '../validate/nearest.js';
import { awardLabel } from './json.js';
import { flagNames } from './summary.js';

/**
 * Finds the subject a clerk names: 工号 or unit name, 姓名, or a roster person (with or without
 * records) whose unit is the subject.
 */
function findSubject(result: ScoreResult, who: string, roster: readonly Person[]): SubjectResult {
  const key = cleanName(who);
  const byKey = result.subjects.find((s) => s.key === key);
  if (byKey) return byKey;
  const byName = result.subjects.filter((s) => s.name === key);
  if (byName.length === 1) return byName[0] as SubjectResult;
  if (byName.length > 1) throw new UsageError(`有多个“${who}”（工号 ${byName.map((s) => s.key).join('、')}），请改用工号`);
  const people = roster.filter((p) => p.id === key || p.name === key);
  if (people.length > 1) throw new UsageError(`人员表中有多个“${who}”（工号 ${people.map((p) => p.id).join('、')}），请改用工号`);
  const person = people[0];
  if (person) {
    const subject = result.subjects.find((s) => s.key === (result.scheme.subject === 'unit' ? person.unit : person.id));
    if (subject) return subject;
    throw new UsageError(`“${who}”在人员表中，但本考核期不在岗（见人员表到岗/离岗日期），没有得分`);
  }
  const near = nearest(key, [...result.subjects.flatMap((s) => [s.key, s.name]), ...roster.map((p) => p.name)]);
  throw new UsageError(`本期考核对象中没有“${who}”${near ? `，是否为“${near}”？` : ''}`);
}

/** The whole derivation of one subject's total, in Chinese: the answer to an appeal. */
export function explainSubject(result: ScoreResult, who: string, roster: readonly Person[] = []): string[] {
  const s = findSubject(result, who, roster);
  return subjectExplanation(result, s, { awards: s.awards.map(awardLabel), flags: flagNames(s) });
}

function findYearRow(result: YearResult, who: string): YearRow {
  const key = cleanName(who);
  const found = result.rows.filter((r) => r.key === key || r.name === key);
  if (found.length === 1) return found[0] as YearRow;
  if (found.length > 1) throw new UsageError(`有多个“${who}”（工号 ${found.map((r) => r.key).join('、')}），请改用工号`);
  const near = nearest(key, result.rows.flatMap((r) => [r.key, r.name]));
  throw new UsageError(`${result.year}年度考核对象中没有“${who}”${near ? `，是否为“${near}”？` : ''}`);
}

/** A subject's year in Chinese: each period, how they make the year's total, rank, awards and flags with their reasons. */
export function explainYear(result: YearResult, who: string): string[] {
  const row = findYearRow(result, who);
  return yearExplanation(result, row, { awards: row.awards.map(awardLabel) });
}
