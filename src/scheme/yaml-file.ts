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
  return { doc, counter, errors };
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
type PlacedIssue<I> = { path: Path; key: string } | { path: Path; issue: I; value: unknown };

/**
 * Each zod issue at its place: an unknown key as one issue per key, at the key itself, so the
 * clerk sees where the typo is; any other issue with the value the file has there.
 */
export function placedIssues<I extends { code: string; path: PropertyKey[] }>(issues: readonly I[], data: unknown): PlacedIssue<I>[] {
  return issues.flatMap((issue): PlacedIssue<I>[] => {
    const path = issue.path as Path;
    return issue.code === 'unrecognized_keys' ? (issue as unknown as { keys: string[] }).keys.map((key) => ({ path: [...path, key], key })) : [{ path, issue, value: valueAt(data, path) }];
  });
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
