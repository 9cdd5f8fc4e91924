import { readFileSync, statSync } from 'node:fs';
import { sha256Hex } from '../core/hash.js';
import { isAlias, isMap, isPair, isSeq, type Document } from 'yaml';
import { SchemeError, type SchemeIssue, type SchemeIssueCode } from '../core/problems.js';
import { compileScheme, type PathIssue } from './compile.js';
import { schemeLimits } from './load.js';
import type { Scheme } from './model.js';
import { schemeSchema, type SchemeFile } from './schema.js';
import { sourceWarnings } from './sources.js';
import { lineOf, parseYaml, placedIssues, plainData, shown, unwritableTexts } from './yaml-file.js';

/**
 * Reading a scheme's YAML: parsed (yaml), checked against the file format (zod), compiled, every
 * problem coded with its line. Loaded only when a scheme must be parsed — a user's file, or a
 * built-in one whose compiled copy (dist/schemes.json, see cache.ts) is missing or out of date —
 * so runs with a built-in scheme load neither library.
 */

/**
 * Nesting of the text before it is parsed (the YAML parser itself is slow or runs out of memory
 * on thousands of levels): leading spaces and "- " of each line, and flow brackets [ {.
 */
function textDepth(text: string): number {
  let deepest = 0;
  let brackets = 0;
  for (const line of text.split('\n')) {
    const lead = /^[ \t-]*/.exec(line)?.[0] ?? '';
    deepest = Math.max(deepest, Math.ceil(lead.length / 2));
    for (const ch of line) {
      if (ch === '[' || ch === '{') deepest = Math.max(deepest, ++brackets);
      else if (ch === ']' || ch === '}') brackets = Math.max(0, brackets - 1);
    }
  }
  return deepest;
}

/** Depth of the parsed document and its number of aliases, walked without recursion. */
function nodeStats(doc: Document): { depth: number; aliases: number } {
  let depth = 0;
  let aliases = 0;
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, level] = stack.pop() as [unknown, number];
    depth = Math.max(depth, level);
    if (isAlias(node)) aliases += 1;
    else if (isMap(node) || isSeq(node)) for (const child of node.items) stack.push([child, level + 1]);
    else if (isPair(node)) stack.push([node.key, level], [node.value, level]);
  }
  return { depth, aliases };
}

function limitIssue(origin: string, code: SchemeIssueCode, args: SchemeIssue['args']): SchemeError {
  return new SchemeError(origin, [{ code, args, where: { file: origin, path: [] } }]);
}

/** Parses and validates a scheme's text: the scheme, or a SchemeError with every issue coded. */
export function parseSchemeText(text: string, origin: string): Scheme {
  return readSchemeText(text, origin).scheme;
}

/** The scheme and the source warnings of `kaohe scheme check` (every number quoted or marked). */
export function readSchemeText(text: string, origin: string): { scheme: Scheme; warnings: SchemeIssue[]; file: SchemeFile } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > schemeLimits.bytes) throw limitIssue(origin, 'scheme_too_large', { bytes, limit: schemeLimits.bytes });
  if (textDepth(text) > schemeLimits.depth) throw limitIssue(origin, 'scheme_too_deep', { limit: schemeLimits.depth });
  const { doc, counter, errors } = parseYaml(text);
  if (errors.length > 0) {
    throw new SchemeError(
      origin,
      errors.map(({ yamlCode, detail, line }) => ({ code: 'scheme_yaml' as const, args: { yamlCode, detail }, where: { file: origin, ...(line ? { line } : {}), path: [] } })),
    );
  }
  const stats = nodeStats(doc);
  if (stats.depth > schemeLimits.depth) throw limitIssue(origin, 'scheme_too_deep', { limit: schemeLimits.depth });
  if (stats.aliases > schemeLimits.aliases) throw limitIssue(origin, 'scheme_too_many_aliases', { limit: schemeLimits.aliases });
  const located = (issue: PathIssue): SchemeIssue => {
    const line = lineOf(doc, counter, issue.path);
    return { code: issue.code, args: issue.args, where: { file: origin, ...(line ? { line } : {}), path: issue.path } };
  };
  const plain = plainData(doc, schemeLimits.aliases);
  if (!plain) throw limitIssue(origin, 'scheme_too_many_aliases', { limit: schemeLimits.aliases });
  // Reported with the file's other problems: each names its place.
  const textIssues = unwritableTexts(plain.data).map(({ path, character }) => located({ path, code: 'scheme_text_character', args: { character } }));
  const parsed = schemeSchema.safeParse(plain.data);
  if (!parsed.success) {
    throw new SchemeError(origin, [
      ...textIssues,
      ...placedIssues(parsed.error.issues, plain.data, schemeSchema).map((p) =>
        'key' in p ? located({ path: p.path, code: 'scheme_key_unknown', args: p.args }) : located({ path: p.path, ...zodIssueCode(p.issue, p.value, p.misspelt === undefined ? undefined : { misspelt: p.misspelt, key: String(p.path.at(-1)) }) }),
      ),
    ]);
  }
  const { scheme, issues } = compileScheme(parsed.data, origin, sha256Hex(text));
  if (!scheme || textIssues.length > 0) throw new SchemeError(origin, [...textIssues, ...issues.map(located)]);
  return { scheme, warnings: sourceWarnings(parsed.data).map(located), file: parsed.data };
}

const customCodes = new Set<string>(['scheme_points_decimals', 'scheme_points_positive', 'scheme_code_format', 'scheme_id_format', 'scheme_value_invalid']);

/** A zod issue as a scheme issue code and its arguments. */
function zodIssueCode(issue: { code: string; message: string; expected?: string; values?: unknown[] }, value: unknown, misspelt?: { misspelt: string; key: string }): Pick<PathIssue, 'code' | 'args'> {
  if (customCodes.has(issue.message)) return { code: issue.message as SchemeIssueCode, args: { value: shown(value) } };
  if (value === undefined) return { code: 'scheme_value_required', args: { expected: issue.expected ?? '', ...misspelt } };
  switch (issue.code) {
    case 'invalid_type':
      return { code: 'scheme_value_type', args: { expected: issue.expected ?? '', value: shown(value) } };
    case 'invalid_union': {
      // A discriminated union (kind/type) lists its options in the message: 'fixed' | 'ranged' …
      const options = [...issue.message.matchAll(/'([^']+)'/g)].map((m) => m[1]);
      return options.length > 0 ? { code: 'scheme_value_option', args: { value: shown(value), options: options.join('、') } } : { code: 'scheme_value_invalid', args: { value: shown(value) } };
    }
    case 'invalid_value':
      return { code: 'scheme_value_option', args: { value: shown(value), options: (issue.values ?? []).map(shown).join('、') } };
    default:
      return { code: 'scheme_value_invalid', args: { value: shown(value) } };
  }
}

/** A scheme file read from disk: refused before reading when it is over the size limit. */
export function readSchemeFile(file: string, origin: string): ReturnType<typeof readSchemeText> {
  const bytes = statSync(file).size;
  if (bytes > schemeLimits.bytes) throw limitIssue(origin, 'scheme_too_large', { bytes, limit: schemeLimits.bytes });
  return readSchemeText(readFileSync(file, 'utf8'), origin);
}
