import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Outputs name input files the same way from any working directory: a file inside a folder
 * given on the command line by its path inside that folder (2026-03.xlsx, 2026-03/记录.csv),
 * any other file by its name. Never an absolute path, so the same input gives the same bytes.
 */
export function inputNamer(roots: readonly string[]): (file: string) => string {
  const folders = roots.map((r) => resolve(r));
  // A result names the same few files hundreds of thousands of times.
  const names = new Map<string, string>();
  const nameOf = (file: string) => {
    const full = resolve(file);
    for (const folder of folders) {
      const inside = relative(folder, full);
      if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return inside.split(sep).join('/');
    }
    return basename(file);
  };
  return (file: string) => {
    let name = names.get(file);
    if (name === undefined) names.set(file, (name = nameOf(file)));
    return name;
  };
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of a result (score, year, attendance, problems) with every source location's `file`
 * renamed by `name`. Maps, dates and the scheme are kept as they are.
 */
export function withInputNames<T>(value: T, name: (file: string) => string): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withInputNames(v, name)) as T;
  if (!isPlain(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const v = value[key];
    copy[key] = key === 'file' && typeof v === 'string' ? name(v) : key === 'scheme' || typeof v !== 'object' || v === null ? v : withInputNames(v, name);
  }
  return copy as T;
}
