import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../core/hash.js';
import { assertRegularFile } from '../core/files.js';
import { SchemeError, UsageError, type SchemeIssue } from '../core/problems.js';
import { nearest } from '../core/nearest.js';
import { schemeCache } from './cache.js';
import type { Scheme } from './model.js';

/** Built-in schemes ship as data in templates/schemes/<id>.yaml (the registry is that folder). */
export const builtinSchemeDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates/schemes');

let builtinIds: readonly string[] | null = null;

/** The built-in schemes' ids, sorted: the folder is listed once a run (a user's scheme is checked against them each time it is loaded). */
export function builtinSchemeIds(): readonly string[] {
  builtinIds ??= readdirSync(builtinSchemeDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
  return builtinIds;
}

/**
 * `--scheme` takes a built-in id or a path to a user's YAML file. A scheme that names another
 * (a monthly or unit scheme) may name a file relative to its own folder.
 */
function resolveSchemeFile(idOrPath: string, from?: string): string {
  const looksLikePath = /[\\/]|\.ya?ml$/i.test(idOrPath);
  if (looksLikePath) {
    const path = from && existsSync(from) && !existsSync(idOrPath) ? join(dirname(from), idOrPath) : idOrPath;
    // bingcha-monthly.yaml where no such file is: the built-in scheme of that name, written as a file.
    const builtin = basename(idOrPath).replace(/\.ya?ml$/i, '');
    if (!existsSync(path)) throw new UsageError('scheme_file_missing', { scheme: idOrPath, builtin: builtinSchemeIds().includes(builtin) ? builtin : '' });
    assertRegularFile(path);
    return path;
  }
  const builtin = join(builtinSchemeDir, `${idOrPath}.yaml`);
  if (!existsSync(builtin)) {
    const known = builtinSchemeIds();
    throw new UsageError('scheme_unknown', { scheme: idOrPath, known: known.join('、'), nearest: nearest(idOrPath, known) ?? '' });
  }
  return builtin;
}

/**
 * Limits on a scheme file, so a hostile or broken file is refused quickly with a clear message:
 * built-in schemes are under 64 KB, six levels deep and use no aliases.
 */
export const schemeLimits = { bytes: 256 * 1024, depth: 24, aliases: 100 } as const;

interface Loaded {
  scheme: Scheme;
  warnings: SchemeIssue[];
}

/** Schemes loaded so far, by file and the hash of its text: a scheme that names another is loaded with it. */
const loaded = new Map<string, Loaded>();

const keyOf = (file: string, text: string) => `${resolve(file)}\n${sha256Hex(text)}`;

/**
 * What `kaohe schemes` lists of a built-in scheme: from the build's compiled copy as it stands
 * when the YAML is unchanged (nothing compiled, the compiler not loaded), else the scheme loaded.
 */
export async function builtinSchemeHeading(id: string): Promise<Pick<Scheme, 'title' | 'subject' | 'period'>> {
  const cached = schemeCache()?.[id];
  if (cached?.sha256 === sha256Hex(readFileSync(join(builtinSchemeDir, `${id}.yaml`), 'utf8'))) return cached.file;
  return loadScheme(id);
}

export async function loadScheme(idOrPath: string, from?: string): Promise<Scheme> {
  return (await loadSchemeWithWarnings(idOrPath, from)).scheme;
}

/**
 * A scheme with the warnings `kaohe scheme check` prints (sources and quoted numbers), and the
 * schemes it names (a monthly or unit scheme), loaded with it so the run can take them at once
 * (referencedScheme). A built-in scheme comes from the build's compiled copy when its YAML is
 * unchanged; anything else is parsed (parse.ts, loaded only then).
 */
export async function loadSchemeWithWarnings(idOrPath: string, from?: string): Promise<Loaded> {
  const file = resolveSchemeFile(idOrPath, from);
  const origin = file.startsWith(builtinSchemeDir) ? basename(file, '.yaml') : file;
  // An oversized file is refused by the parser before it is read.
  if (statSync(file).size > schemeLimits.bytes) return (await import('./parse.js')).readSchemeFile(file, origin);
  const text = readFileSync(file, 'utf8');
  const key = keyOf(file, text);
  const known = loaded.get(key);
  if (known) return known;
  const cached = origin === file ? undefined : schemeCache()?.[origin];
  const { scheme, warnings } = cached?.sha256 === sha256Hex(text) ? { scheme: (await import('./compile.js')).compileScheme(cached.file, origin, cached.sha256).scheme, warnings: cached.warnings } : (await import('./parse.js')).readSchemeText(text, origin);
  if (!scheme) throw new Error(`the compiled copy of scheme ${origin} does not compile`);
  // A clerk's copy that kept the built-in id would be named as the built-in scheme in every output.
  const sameId = origin === file && builtinSchemeIds().includes(scheme.id) && resolve(file) !== join(builtinSchemeDir, `${scheme.id}.yaml`);
  const read = { scheme, warnings: sameId ? [...warnings, { code: 'scheme_id_builtin' as const, args: { id: scheme.id }, where: { file: origin, path: ['id'] } }] : warnings };
  // Set before the schemes it names are loaded: two schemes naming each other load once each.
  loaded.set(key, read);
  try {
    await loadNamed(scheme, file, origin);
  } catch (error) {
    loaded.delete(key);
    throw error;
  }
  return read;
}

/** Loads the schemes a scheme's items take results from; each must exist. */
async function loadNamed(scheme: Scheme, file: string, origin: string): Promise<void> {
  const missing: SchemeIssue[] = [];
  for (const [i, item] of scheme.items.entries()) {
    if (item.type !== 'monthly' && item.type !== 'unit_share') continue;
    try {
      resolveSchemeFile(item.scheme, file);
    } catch {
      missing.push({ code: 'scheme_referenced_missing', args: { scheme: item.scheme }, where: { file: origin, path: ['items', i, 'scheme'] } });
      continue;
    }
    await loadSchemeWithWarnings(item.scheme, file);
  }
  if (missing.length > 0) throw new SchemeError(origin, missing);
}

/**
 * A scheme that a loaded scheme names (`from` is the naming scheme's origin), taken at once:
 * loadScheme loaded it along with the scheme naming it.
 */
export function referencedScheme(idOrPath: string, from: string): Scheme {
  const file = resolveSchemeFile(idOrPath, from);
  const found = loaded.get(keyOf(file, readFileSync(file, 'utf8')));
  if (!found) throw new Error(`scheme ${idOrPath} named by ${from} was not loaded with it`);
  return found.scheme;
}
