import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinSchemeDir, builtinSchemeIds } from '../src/scheme/load.js';
import { numbersIn } from '../src/scheme/sources.js';
import { quoteFound, seedSections, seedText } from './seeds.js';

/**
 * Every built-in scheme holds to its text (issue 15): each source quotes its seed verbatim
 * (normalised for spaces and full/half-width punctuation; "……" leaves words out), and each number a
 * rule uses appears in its quote unless the rule is marked assumption or reconstructed.
 */
type Node = Record<string, unknown>;
interface Source {
  file: string;
  article: string;
  quote?: string;
}

/** Every object with a `source`, with its path. */
function sourced(node: unknown, path: string, found: { path: string; node: Node }[] = []): { path: string; node: Node }[] {
  if (Array.isArray(node)) node.forEach((n, i) => sourced(n, `${path}.${i}`, found));
  else if (node !== null && typeof node === 'object') {
    if ('source' in node) found.push({ path, node: node });
    for (const [k, v] of Object.entries(node)) if (k !== 'source') sourced(v, path ? `${path}.${k}` : k, found);
  }
  return found;
}

/** Every rule of every item and part, with its path. */
function rules(doc: Node): { path: string; rule: Node }[] {
  return (doc.items as Node[]).flatMap((item, i) => [
    ...((item.rules as Node[] | undefined) ?? []).map((rule, r) => ({ path: `items.${i}.rules.${r}`, rule })),
    ...((item.parts as Node[] | undefined) ?? []).flatMap((part, p) => (part.rules as Node[]).map((rule, r) => ({ path: `items.${i}.parts.${p}.rules.${r}`, rule }))),
  ]);
}

const schemes = builtinSchemeIds().map((id) => ({ id, doc: parse(readFileSync(join(builtinSchemeDir, `${id}.yaml`), 'utf8')) as Node }));

describe.each(schemes)('$id', ({ doc }) => {
  it('gives every item, part and rule a source with a quote', () => {
    const items = doc.items as Node[];
    const parts = items.flatMap((item) => (item.parts as Node[] | undefined) ?? []);
    const missing = [...items, ...parts, ...rules(doc).map((r) => r.rule)].filter((x) => !(x.source as Source | undefined)?.quote);
    expect(missing.map((x) => x.name ?? x.code)).toEqual([]);
  });

  it('names each seed by a readable title, and finds every quote verbatim in that seed', () => {
    const problems = sourced(doc, '').flatMap(({ path, node }) => {
      const source = node.source as Source;
      const text = seedText(source.file);
      if (text === null) return [`${path}: unknown document "${source.file}"`];
      if (source.quote === undefined) return [`${path}: no quote`];
      return quoteFound(source.quote, text) ? [] : [`${path}: "${source.quote}" not in ${source.file}`];
    });
    expect(problems).toEqual([]);
  });

  it('uses no number in a rule that its quote does not state, unless marked', () => {
    const problems = rules(doc).flatMap(({ path, rule }) => {
      if (rule.assumption === true || rule.reconstructed === true) return [];
      const stated = numbersIn((rule.source as Source).quote ?? '');
      return (['points', 'min', 'max', 'threshold', 'every'] as const)
        .filter((field) => typeof rule[field] === 'number' && !stated.has(Math.round((rule[field]) * 100)))
        .map((field) => `${path}.${field} = ${String(rule[field])} not in "${(rule.source as Source).quote}"`);
    });
    expect(problems).toEqual([]);
  });

  it('gives a reason for every mark', () => {
    const unexplained = sourced(doc, '').filter(({ node }) => (node.assumption || node.reconstructed || node.borrowed) && !node.reason);
    expect(unexplained.map((x) => x.path)).toEqual([]);
  });
});

describe('the seeds the schemes cite', () => {
  it('are all known by title, and each title names a section that exists', () => {
    for (const title of Object.keys(seedSections)) expect(seedText(title)?.length).toBeGreaterThan(200);
  });

  it('quote the damage as written: bingcha 4.1 says 扣12分 and the rule is marked reconstructed as 1-2', () => {
    const half = schemes.find((s) => s.id === 'bingcha-halfyear')!.doc;
    const rule = rules(half).find((r) => r.rule.code === '4.1')!.rule;
    expect((rule.source as Source).quote).toContain('扣12分');
    expect([rule.min, rule.max, rule.reconstructed]).toEqual([1, 2, true]);
    // the quote states 12, not 1 or 2: only the mark lets the rule use them
    expect([...numbersIn((rule.source as Source).quote!)]).toEqual([1200]);
  });
});

describe('numbersIn', () => {
  it('reads Arabic numbers, ranges, decimals, Chinese numerals and 双倍', () => {
    expect([...numbersIn('每次视情扣1-2分')].sort((a, b) => a - b)).toEqual([100, 200]);
    expect([...numbersIn('办结率每减少1个百分点，扣0.5分')].sort((a, b) => a - b)).toEqual([50, 100]);
    expect(numbersIn('无故缺席三天以上(含三天)的').has(300)).toBe(true);
    expect(numbersIn('第十二条').has(1200)).toBe(true);
    expect(numbersIn('累计5次以上每次按双倍扣分')).toEqual(new Set([500, 200]));
    // "扣.分": the figure is lost, only the point is left
    expect(numbersIn('迟到每次扣.分')).toEqual(new Set());
  });
});
