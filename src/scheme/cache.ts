import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemeIssue } from '../core/problems.js';
import type { SchemeFile } from './schema.js';

/**
 * The built-in schemes compiled once, when kaohe is built (`npm run build` runs
 * scripts/build-schemes.mjs): each scheme's checked file data, its warnings, and the SHA-256 of
 * the YAML text it came from. A run with a built-in scheme compiles from here without parsing
 * YAML or loading the format's checks; a YAML file that no longer matches its hash (edited since
 * the build), or no cache at all (running from the sources), is parsed as before.
 */
export interface CachedScheme {
  sha256: string;
  file: SchemeFile;
  warnings: SchemeIssue[];
}

export type SchemeCache = Record<string, CachedScheme>;

/**
 * dist/schemes.json beside the built modules (from the sources, src/schemes.json: absent).
 * @public written by scripts/build-schemes.mjs, which imports it from dist/ where knip does not look.
 */
export const schemeCacheFile = resolve(dirname(fileURLToPath(import.meta.url)), '../schemes.json');

let cache: SchemeCache | null | undefined;

/** The cache, read once; null when there is none or it cannot be read (then schemes are parsed). */
export function schemeCache(): SchemeCache | null {
  if (cache === undefined) {
    try {
      cache = JSON.parse(readFileSync(schemeCacheFile, 'utf8')) as SchemeCache;
    } catch {
      cache = null;
    }
  }
  return cache;
}
