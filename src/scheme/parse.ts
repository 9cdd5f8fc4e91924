import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, isAlias, isMap, isPair, isSeq, type Document, type Node } from 'yaml';
import { SchemeError, type SchemeIssue, type SchemeIssueCode } from '../core/problems.js';
import { compileScheme, type PathIssue } from './compile.js';
import { schemeLimits } from './load.js';
import type { Scheme } from './model.js';
import { schemeSchema, type SchemeFile } from './schema.js';
import { sourceWarnings } from './sources.js';

/**
 * Reading a scheme's YAML: parsed (yaml), checked against the file format (zod), compiled, every
 * problem coded with its line. Loaded only when a scheme must be parsed — a user's file, or a
 * built-in one whose compiled copy (dist/schemes.json, see cache.ts) is missing or out of date —
 * so runs with a built-in scheme load neither library.
 */

/** Finds the line of a path in the YAML document, so a problem reads "第12行 items.3.points". */
export function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      node = pair.value;
      const range = (pair.key as Node | null)?.range;
      if (range) line = counter.linePos(range[0]).line;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      const range = (node as Node | undefined)?.range;
      if (range) line = counter.linePos(range[0]).line;
    } else break;
  }
  return line;
}

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
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new SchemeError(
      origin,
      doc.errors.map((e) => ({
        code: 'scheme_yaml' as const,
        args: { yamlCode: e.code, detail: e.message.split('\n')[0] ?? '' },
        where: { file: origin, ...(e.linePos?.[0] ? { line: e.linePos[0].line } : {}), path: [] },
      })),
    );
  }
  const stats = nodeStats(doc);
  if (stats.depth > schemeLimits.depth) throw limitIssue(origin, 'scheme_too_deep', { limit: schemeLimits.depth });
  if (stats.aliases > schemeLimits.aliases) throw limitIssue(origin, 'scheme_too_many_aliases', { limit: schemeLimits.aliases });
  const located = (issue: PathIssue): SchemeIssue => {
    const line = lineOf(doc, counter, issue.path);
    return { code: issue.code, args: issue.args, where: { file: origin, ...(line ? { line } : {}), path: issue.path } };
  };
  let plain: unknown;
  try {
    plain = doc.toJS({ maxAliasCount: schemeLimits.aliases });
  } catch (error) {
    // yaml refuses an alias expanding too often ("billion laughs") with a ReferenceError.
    if (error instanceof ReferenceError) throw limitIssue(origin, 'scheme_too_many_aliases', { limit: schemeLimits.aliases });
    throw error;
  }
  const parsed = schemeSchema.safeParse(plain);
  if (!parsed.success) {
    throw new SchemeError(
      origin,
      parsed.error.issues.flatMap((i) =>
        // One issue per unknown key, at the key itself, so the clerk sees where the typo is.
        i.code === 'unrecognized_keys'
          ? i.keys.map((key) => located({ path: [...(i.path as (string | number)[]), key], code: 'scheme_key_unknown', args: { key } }))
          : [located({ path: i.path as (string | number)[], ...zodIssueCode(i, valueAt(plain, i.path)) })],
      ),
    );
  }
  const { scheme, issues } = compileScheme(parsed.data, origin, createHash('sha256').update(text).digest('hex'));
  if (!scheme) throw new SchemeError(origin, issues.map(located));
  return { scheme, warnings: sourceWarnings(parsed.data).map(located), file: parsed.data };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

const customCodes = new Set<string>(['scheme_points_decimals', 'scheme_points_positive', 'scheme_code_format', 'scheme_id_format', 'scheme_value_invalid']);

/** A value as the scheme file wrote it: a mapping or list in its JSON form, not [object Object]. */
function shown(value: unknown): string {
  return typeof value === 'object' && value !== null ? (JSON.stringify(value) ?? '') : String(value);
}

/** A zod issue as a scheme issue code and its arguments. */
function zodIssueCode(issue: { code: string; message: string; expected?: string; values?: unknown[] }, value: unknown): Pick<PathIssue, 'code' | 'args'> {
  if (customCodes.has(issue.message)) return { code: issue.message as SchemeIssueCode, args: { value: shown(value) } };
  if (value === undefined) return { code: 'scheme_value_required', args: { expected: issue.expected ?? '' } };
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
