import { cleanName } from '../core/text.js';
import { UsageError } from '../core/problems.js';
import { unitKey, type Person } from '../core/input.js';
import { subjectExplanation, yearExplanation } from '../messages/explain.js';
import type { ScoreResult, SubjectResult } from '../score/result.js';
import type { YearResult, YearRow } from '../score/year.js';
import { nearest } from '../core/nearest.js';
import { awardLabel } from './json.js';
import { flagNames } from './summary.js';

/** A unit's name where persons are scored (explain 民政 under bianmin-10pt): names its people to choose from. */
function refuseUnitOfPersons(who: string, key: string, people: readonly { key: string; name: string; unit: string }[], unitLabel: string): void {
  const members = people.filter((p) => unitKey(p.unit) === key);
  if (members.length > 0) throw new UsageError('explain_unit_of_persons', { who, unitLabel, people: members.map((p) => `${p.name} ${p.key}`).join('、') });
}

/**
 * Finds the subject a clerk names: 工号 or unit name, 姓名, or a roster person (with or without
 * records) whose unit is the subject.
 */
function findSubject(result: ScoreResult, who: string, roster: readonly Person[]): SubjectResult {
  const key = cleanName(who);
  const byKey = result.subjects.find((s) => s.key === key);
  if (byKey) return byKey;
  const byName = result.subjects.filter((s) => cleanName(s.name) === key);
  if (byName.length === 1) return byName[0] as SubjectResult;
  if (byName.length > 1) throw new UsageError('explain_ambiguous', { who, ids: byName.map((s) => s.key).join('、') });
  const people = roster.filter((p) => p.id === key || cleanName(p.name) === key);
  const subjectKeyOf = (p: Person) => (result.scheme.subject === 'unit' ? unitKey(p.unit) : p.id);
  // Namesakes in one window are one subject where windows are scored: that window is meant.
  if (new Set(people.map(subjectKeyOf)).size > 1) throw new UsageError('explain_roster_ambiguous', { who, ids: people.map((p) => p.id).join('、') });
  const person = people[0];
  if (person) {
    const subject = result.subjects.find((s) => s.key === subjectKeyOf(person));
    if (subject) return subject;
    throw new UsageError('explain_inactive', { who });
  }
  if (result.scheme.subject === 'person') refuseUnitOfPersons(who, key, result.subjects, result.scheme.unitLabel);
  const near = nearest(key, [...result.subjects.flatMap((s) => [s.key, s.name]), ...roster.map((p) => p.name)]);
  throw new UsageError('explain_not_found', { who, ...(near ? { suggestion: near } : {}) });
}

/** The whole derivation of one subject's total, in Chinese: the answer to an appeal. */
export function explainSubject(result: ScoreResult, who: string, roster: readonly Person[] = []): string[] {
  const s = findSubject(result, who, roster);
  return subjectExplanation(result, s, { awards: s.awards.map(awardLabel), flags: flagNames(s) });
}

function findYearRow(result: YearResult, who: string): YearRow {
  const key = cleanName(who);
  const found = result.rows.filter((r) => r.key === key || cleanName(r.name) === key);
  if (found.length === 1) return found[0] as YearRow;
  if (found.length > 1) throw new UsageError('explain_ambiguous', { who, ids: found.map((r) => r.key).join('、') });
  if (result.scheme.subject === 'person') refuseUnitOfPersons(who, key, result.rows, result.scheme.unitLabel);
  const near = nearest(key, result.rows.flatMap((r) => [r.key, r.name]));
  throw new UsageError('explain_year_not_found', { year: result.year, who, ...(near ? { suggestion: near } : {}) });
}

/** A subject's year in Chinese: each period, how they make the year's total, rank, awards and flags with their reasons. */
export function explainYear(result: YearResult, who: string): string[] {
  const row = findYearRow(result, who);
  return yearExplanation(result, row, { awards: row.awards.map(awardLabel) });
}
