import type * as z from 'zod';
import { nearest } from '../core/nearest.js';
import { unwritableCharacter } from '../core/text.js';
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from 'yaml';

/**
 * What reading any YAML file of kaohe's has in common (a scheme, an export profile): the text
 * parsed with line numbers, expanded with a bound on aliases, and each zod issue placed at its
 * path. Each kind of file words the problems with its own codes.
 */

/** A YAML text parsed, with what the parser refused (duplicate keys included) and where. */
export function parseYaml(text: string): { doc: Document; counter: LineCounter; errors: { yamlCode: string; detail: string; line?: number }[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const errors = doc.errors.map((e) => ({ yamlCode: e.code, detail: e.message.split('\n')[0] ?? '', ...(e.linePos?.[0] ? { line: e.linePos[0].line } : {}) }));
  return { doc, counter, errors: onePerLine(errors) };
}

/**
 * One error a line: the parser reads one mistake several ways (a line indented too far under
 * `title: y` is a block as a key and a key over two lines, both said of the line above), and the
 * clerk has one thing to mend there, said by the most telling of them (SAYS_MORE).
 */
function onePerLine<E extends { yamlCode: string; line?: number }>(errors: readonly E[]): E[] {
  const kept: E[] = [];
  for (const error of errors) {
    const same = error.line === undefined ? -1 : kept.findIndex((k) => k.line === error.line);
    if (same < 0) kept.push(error);
    else if (SAYS_MORE.indexOf(error.yamlCode) > SAYS_MORE.indexOf(kept[same]!.yamlCode)) kept[same] = error;
  }
  return kept;
}

/** Of the errors of one line, the one kept: a Tab, said as such, before a key over two lines (whose words name the indentation), before any other. */
const SAYS_MORE = ['MULTILINE_IMPLICIT_KEY', 'TAB_AS_INDENT'];

/**
 * The keys a schema allows at a path of the data (the keys of every object it may be there: each
 * option of a union), for a suggestion beside an unknown key. Walks zod's definitions.
 */
function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  const def = schema._zod.def as { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType };
  const [head, ...rest] = path;
  switch (def.type) {
    case 'object': {
      if (head === undefined) return Object.keys(def.shape ?? {});
      const next = def.shape?.[head];
      return next ? keysAt(next, rest) : [];
    }
    case 'array':
      return head === undefined || !def.element ? [] : keysAt(def.element, rest);
    case 'record':
      return head === undefined || !def.valueType ? [] : keysAt(def.valueType, rest);
    case 'union':
      return [...new Set((def.options ?? []).flatMap((option) => keysAt(option, path)))];
    case 'pipe':
      return def.in ? keysAt(def.in, path) : [];
    default:
      return def.innerType ? keysAt(def.innerType, path) : [];
  }
}

/** The document as plain data; null when an alias expands more than `aliases` times ("billion laughs"). */
export function plainData(doc: Document, aliases: number): { data: unknown } | null {
  try {
    return { data: doc.toJS({ maxAliasCount: aliases }) as unknown };
  } catch (error) {
    // yaml refuses an alias expanding too often with a ReferenceError.
    if (error instanceof ReferenceError) return null;
    throw error;
  }
}

type Path = (string | number)[];

/**
 * Every key and text of the plain data holding a character a workbook cannot hold (see
 * unwritableCharacter), with that character as U+XXXX: the text itself is not shown, a terminal
 * would act on it.
 */
export function unwritableTexts(data: unknown): { path: Path; character: string }[] {
  const found: { path: Path; character: string }[] = [];
  const visit = (value: unknown, path: Path): void => {
    if (typeof value === 'string') {
      const character = unwritableCharacter(value);
      if (character !== null) found.push({ path, character });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        visit(key, [...path, key]);
        visit(item, [...path, key]);
      }
    }
  };
  visit(data, []);
  return found;
}
type PlacedIssue<I> = { path: Path; key: string; args: { key: string; nearest?: string } } | { path: Path; issue: I; value: unknown; misspelt?: string };

/**
 * Each zod issue at its place: an unknown key as one issue per key, at the key itself, so the
 * clerk sees where the typo is, with the key of that level nearest it (`schema`'s, by the one
 * nearest() the 设置 sheet's keys use) when one is; any other issue with the value the file has there.
 */
export function placedIssues<I extends { code: string; path: PropertyKey[] }>(issues: readonly I[], data: unknown, schema: z.ZodType): PlacedIssue<I>[] {
  const placed = issues.flatMap((issue): PlacedIssue<I>[] => {
    const path = issue.path as Path;
    if (issue.code !== 'unrecognized_keys') {
      const value = valueAt(data, path);
      const misspelt = value === undefined ? misspeltAs(data, path, schema) : undefined;
      return [{ path, issue, value, ...(misspelt === undefined ? {} : { misspelt }) }];
    }
    const known = keysAt(schema, path);
    return (issue as unknown as { keys: string[] }).keys.map((key) => {
      const near = nearest(key, known);
      return { path: [...path, key], key, args: { key, ...(near === null ? {} : { nearest: near }) } };
    });
  });
  // A key missing because it was misspelt (bse for base) is said once, at the misspelt key's line, as unknown with its nearest.
  const unknownKeys = new Set(placed.flatMap((p) => ('key' in p ? [JSON.stringify(p.path)] : [])));
  return placed.filter((p) => !('misspelt' in p && p.misspelt !== undefined && unknownKeys.has(JSON.stringify([...p.path.slice(0, -1), p.misspelt]))));
}

/**
 * A key the file wrote where a required one is missing, the one nearest it among its level's keys
 * (typ for type): a union chosen by that key says only that it is missing, not the key unknown.
 */
function misspeltAs(data: unknown, path: Path, schema: z.ZodType): string | undefined {
  const missing = path.at(-1);
  const parent = valueAt(data, path.slice(0, -1));
  if (typeof missing !== 'string' || parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
  const known = keysAt(schema, path.slice(0, -1));
  return Object.keys(parent).find((key) => !known.includes(key) && nearest(key, known) === missing);
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

/** A value as the file wrote it: a mapping or list in its JSON form, not [object Object]; nothing as empty. */
export function shown(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

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
