import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SchemeCache } from '../src/scheme/cache.js';
import { compileScheme } from '../src/scheme/compile.js';
import { builtinSchemeDir, builtinSchemeIds } from '../src/scheme/load.js';
import { readSchemeFile } from '../src/scheme/parse.js';

/**
 * `npm run build` (run before the tests) compiles the built-in schemes into dist/schemes.json;
 * a run with a built-in scheme takes it from there instead of parsing YAML. It must give exactly
 * the scheme that parsing gives, and only for the YAML text it was made from.
 */
const cache = JSON.parse(readFileSync('dist/schemes.json', 'utf8')) as SchemeCache;
const yamlOf = (id: string) => readFileSync(join(builtinSchemeDir, `${id}.yaml`), 'utf8');

describe('the compiled built-in schemes', () => {
  it('hold every built-in scheme, each with the SHA-256 of its YAML text', () => {
    expect(Object.keys(cache).sort()).toEqual(builtinSchemeIds());
    for (const id of builtinSchemeIds()) expect(cache[id]!.sha256, id).toBe(createHash('sha256').update(yamlOf(id)).digest('hex'));
  });

  it.each(builtinSchemeIds())('%s compiles to the scheme and warnings that parsing its YAML gives', (id) => {
    const parsed = readSchemeFile(join(builtinSchemeDir, `${id}.yaml`), id);
    const entry = cache[id]!;
    expect(compileScheme(entry.file, id, entry.sha256).scheme).toEqual(parsed.scheme);
    expect(entry.warnings).toEqual(parsed.warnings);
  });
});
