import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { SchemeError, UsageError } from '../core/problems.js';
import { compileScheme, type SchemeIssue } from './compile.js';
import type { Scheme } from './model.js';
import { schemeSchema } from './schema.js';

/** Built-in schemes ship as data in templates/schemes/<id>.yaml (the registry is that folder). */
export const builtinSchemeDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates/schemes');

export function builtinSchemeIds(): string[] {
  return readdirSync(builtinSchemeDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * `--scheme` takes a built-in id or a path to a user's YAML file. A scheme that names another
 * (a monthly or unit scheme) may name a file relative to its own folder.
 */
export function resolveSchemeFile(idOrPath: string, from?: string): string {
  const looksLikePath = /[\\/]|\.ya?ml$/i.test(idOrPath);
  if (looksLikePath) {
    const path = from && existsSync(from) && !existsSync(idOrPath) ? join(dirname(from), idOrPath) : idOrPath;
    if (!existsSync(path)) throw new UsageError(`找不到考核方案文件：${idOrPath}`);
    return path;
  }
  const builtin = join(builtinSchemeDir, `${idOrPath}.yaml`);
  if (!existsSync(builtin)) {
    throw new UsageError(`没有名为 "${idOrPath}" 的内置考核方案。可用的方案：${builtinSchemeIds().join('、')}`);
  }
  return builtin;
}

/** Finds the line of a path in the YAML document, so a problem reads "第12行 items.3.points". */
function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: (string | number)[]): number | undefined {
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

export function parseSchemeText(text: string, origin: string): Scheme {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new SchemeError(
      origin,
      doc.errors.map((e) => `第${e.linePos?.[0]?.line ?? '?'}行: YAML 格式错误 — ${e.message.split('\n')[0]}`),
    );
  }
  const describe = (issue: SchemeIssue) => {
    const line = lineOf(doc, counter, issue.path);
    const path = issue.path.join('.') || '(根)';
    return `${line ? `第${line}行 ` : ''}${path}: ${issue.message}`;
  };
  const plain: unknown = doc.toJS();
  const parsed = schemeSchema.safeParse(plain);
  if (!parsed.success) {
    throw new SchemeError(
      origin,
      parsed.error.issues.flatMap((i) =>
        // One line per unknown key, at the key itself, so the clerk sees where the typo is.
        i.code === 'unrecognized_keys'
          ? i.keys.map((key) => describe({ path: [...(i.path as (string | number)[]), key], message: `未知的键 "${key}"（拼写错误？）` }))
          : [describe({ path: i.path as (string | number)[], message: zodMessageChinese(i, valueAt(plain, i.path)) })],
      ),
    );
  }
  const { scheme, issues } = compileScheme(parsed.data, origin, createHash('sha256').update(text).digest('hex'));
  if (!scheme) throw new SchemeError(origin, issues.map(describe));
  return scheme;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

function zodMessageChinese(issue: { code: string; message: string; expected?: unknown; values?: unknown[] }, value: unknown): string {
  if (value === undefined && issue.code !== 'custom') return `缺少必填项${issue.expected ? `（应为 ${String(issue.expected)}）` : ''}`;
  switch (issue.code) {
    case 'invalid_type':
      return `类型不对（应为 ${String(issue.expected)}）`;
    case 'invalid_union': {
      // A discriminated union (kind/type) lists its options in the message: 'fixed' | 'ranged' …
      const options = [...issue.message.matchAll(/'([^']+)'/g)].map((m) => m[1]);
      return options.length > 0 ? `取值“${String(value)}”不对，可选：${options.join('、')}` : `写法不对：${issue.message}`;
    }
    case 'invalid_value':
      return `取值“${String(value)}”不对，可选：${(issue.values ?? []).map(String).join('、')}`;
    default:
      return issue.message;
  }
}

export function loadScheme(idOrPath: string, from?: string): Scheme {
  const file = resolveSchemeFile(idOrPath, from);
  const origin = file.startsWith(builtinSchemeDir) ? basename(file, '.yaml') : file;
  const scheme = parseSchemeText(readFileSync(file, 'utf8'), origin);
  // Items that take results from another scheme must name one that exists.
  const missing = scheme.items.flatMap((item, i) => {
    if (item.type !== 'monthly' && item.type !== 'unit_share') return [];
    try {
      resolveSchemeFile(item.scheme, file);
      return [];
    } catch {
      return [`items.${i}.scheme: 找不到方案 "${item.scheme}"（内置方案编号或相对本文件的路径）`];
    }
  });
  if (missing.length > 0) throw new SchemeError(origin, missing);
  return scheme;
}
