import type { Person } from '../core/input.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import { idKey } from '../import/identity.js';

/** Each roster's all-digit 工号 by their digits without leading zeros, made at the first look. */
const byDigits = new WeakMap<readonly Person[], Map<string, Person[]>>();

/**
 * The one roster person whose 工号 differs from `id` only by leading zeros, either way: 0001 on the
 * roster for 1 written in another sheet, or 123 on the roster (typed as a number) for 00123. Which
 * is shorter says which sheet lost its zeros. The roster is indexed once: a month whose 工号 all
 * lost their zeros asks for every row.
 */
export function idWithoutItsZeros(id: string, roster: readonly Person[]): { person: Person; shorter: 'written' | 'roster' } | null {
  if (!/^\d+$/.test(id)) return null;
  let index = byDigits.get(roster);
  if (!index) {
    index = new Map();
    for (const p of roster) if (/^\d+$/.test(p.id)) index.set(idKey(p.id), [...(index.get(idKey(p.id)) ?? []), p]);
    byDigits.set(roster, index);
  }
  const found = index.get(idKey(id)) ?? [];
  return found.length === 1 ? { person: found[0]!, shorter: found[0]!.id.length > id.length ? 'written' : 'roster' } : null;
}

/** A 工号 or 姓名 not on the roster; a 工号 only leading zeros away from one on it says so, and which sheet lost them. */
export function personUnknown(value: string, at: SourceLocation, roster: readonly Person[]): Problem {
  const zeros = idWithoutItsZeros(value, roster);
  return problem('person_unknown', at, { value, ...(zeros ? { id: zeros.person.id, shorter: zeros.shorter } : {}) });
}
