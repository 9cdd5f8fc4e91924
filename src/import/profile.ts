import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../core/hash.js';
import { UsageError } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import type { ProfileData } from './profile-file.js';
import { fold } from './values.js';

/**
 * An export layout as data (hledger's CSV rules, beangulp's identify/extract): which header
 * words identify it, where its header sits, what each column means, which words mark rejected,
 * corrected or rest-day punches, and which words are the platform's own verdicts. One
 * normaliser (src/import/extract.ts) runs every profile; a new vendor is a new file in
 * templates/profiles/, and a user may pass their own with --profile. The files are read and
 * checked by profile-file.ts; the built-in ones once, when kaohe is built (dist/profiles.json).
 */

/** What a column may mean to the normaliser. */
export const columnKeys = [
  // who
  'id',
  'clockId',
  'name',
  'unit',
  // when and what was punched
  'date',
  'time',
  'datetime',
  'times',
  'role',
  'scheduled',
  // what the platform said about it
  'result',
  'device',
  'note',
  'shift',
  'shiftStart',
  'shiftEnd',
  'leave',
  // leave and approval lists (F7)
  'type',
  'start',
  'end',
  'length',
  'status',
  'outcome',
  'reason',
] as const;
export type ColumnKey = (typeof columnKeys)[number];

export const verdictKinds = ['late', 'early', 'absent', 'missing'] as const;
export type VerdictKind = (typeof verdictKinds)[number];

/** What a word of a hand-kept status grid means (leave words need no entry: the scheme reads them). */
export const legendMeanings = ['present', 'rest', 'absent', 'late', 'early'] as const;
export type LegendMeaning = (typeof legendMeanings)[number];

/** A profile ready to run: header aliases folded, marker words compiled. */
export interface Profile extends ProfileData {
  origin: string;
  /** Folded header text → column key. */
  aliases: Map<string, ColumnKey>;
  blankWords: string[];
  match: {
    invalid: RegExp | null;
    correction: RegExp | null;
    approved: RegExp | null;
    rest: RegExp | null;
    leave: RegExp | null;
  };
  resultWords: [RegExp, VerdictKind][];
  /** The legend's words, folded. */
  legendWords: Map<string, LegendMeaning>;
}

const builtinProfileDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates/profiles');

/** Marker words match anywhere in a cell; * stands for any text (管理员*改为正常). */
function wordsPattern(list: readonly string[] | undefined): RegExp | null {
  if (!list || list.length === 0) return null;
  const escape = (w: string) => w.normalize('NFKC').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*?');
  return new RegExp(list.map(escape).join('|'));
}

export function compileProfile(data: ProfileData, origin: string): Profile {
  const aliases = new Map<string, ColumnKey>();
  for (const key of columnKeys) for (const h of data.columns[key] ?? []) aliases.set(foldKey(h), key);
  const m = data.markers ?? {};
  return {
    ...data,
    origin,
    aliases,
    blankWords: data.blank ?? [],
    match: {
      invalid: wordsPattern(m.invalid),
      correction: wordsPattern(m.correction),
      approved: wordsPattern(m.approved),
      rest: wordsPattern(m.rest),
      leave: wordsPattern(m.leave),
    },
    resultWords: Object.entries(data.results ?? {}).map(([word, kind]) => [wordsPattern([word]) as RegExp, kind as VerdictKind]),
    legendWords: new Map(Object.entries(data.legend ?? {}).map(([word, meaning]) => [fold(word), meaning as LegendMeaning])),
  };
}

/**
 * The built-in profiles compiled when kaohe is built (scripts/build-profiles.mjs): each file's
 * checked data by the SHA-256 of its YAML text, so a run reading an export parses no YAML and
 * loads no checks. A file edited since the build, or no cache (running from the sources), is
 * parsed as before.
 * @public written by scripts/build-profiles.mjs, which imports it from dist/ where knip does not look.
 */
export const profileCacheFile = resolve(dirname(fileURLToPath(import.meta.url)), '../profiles.json');

export type ProfileCache = Record<string, { sha256: string; data: ProfileData }>;

function readProfileCache(): ProfileCache {
  try {
    return JSON.parse(readFileSync(profileCacheFile, 'utf8')) as ProfileCache;
  } catch {
    return {};
  }
}

let builtins: Promise<Profile[]> | null = null;

/** Every profile in templates/profiles, in file-name order. */
export function builtinProfiles(): Promise<Profile[]> {
  builtins ??= loadBuiltins();
  return builtins;
}

async function loadBuiltins(): Promise<Profile[]> {
  const cache = readProfileCache();
  const files = readdirSync(builtinProfileDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const profiles: Profile[] = [];
  for (const f of files) {
    const id = f.slice(0, -'.yaml'.length);
    const text = readFileSync(join(builtinProfileDir, f), 'utf8');
    const cached = cache[id];
    if (cached?.sha256 === sha256Hex(text)) profiles.push(compileProfile(cached.data, id));
    else profiles.push((await import('./profile-file.js')).parseProfileText(text, id));
  }
  return profiles;
}

export async function profileById(id: string, extra: readonly Profile[] = []): Promise<Profile> {
  const all = [...extra, ...(await builtinProfiles())];
  const found = all.find((p) => p.id === id);
  if (!found) throw new UsageError('profile_unknown', { id, known: all.map((p) => p.id).join('、') });
  return found;
}

/** What a shape of export needs declared (profile_shape_needs). */
export type ShapeNeed = 'datetime_or_date_time' | 'date' | 'times_or_slots' | 'type_start' | 'cells' | 'verdicts_or_status' | 'status_for_legend' | 'slots' | 'verdicts_without_times';
