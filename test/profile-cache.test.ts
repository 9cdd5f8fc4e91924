import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProfile, type ProfileCache } from '../src/import/profile.js';
import { parseProfileText } from '../src/import/profile-file.js';

/**
 * `npm run build` (run before the tests) compiles the built-in export profiles into
 * dist/profiles.json; a run reading an export takes them from there instead of parsing YAML. It
 * must give exactly the profile that parsing gives, and only for the YAML text it was made from.
 */
const cache = JSON.parse(readFileSync('dist/profiles.json', 'utf8')) as ProfileCache;
const dir = 'templates/profiles';
const ids = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();
const yamlOf = (id: string) => readFileSync(`${dir}/${id}.yaml`, 'utf8');

describe('the compiled built-in profiles', () => {
  it('hold every built-in profile, each with the SHA-256 of its YAML text', () => {
    expect(Object.keys(cache).sort()).toEqual(ids);
    for (const id of ids) expect(cache[id]!.sha256, id).toBe(createHash('sha256').update(yamlOf(id)).digest('hex'));
  });

  it.each(ids)('%s compiles to the profile that parsing its YAML gives', (id) => {
    expect(compileProfile(cache[id]!.data, id)).toEqual(parseProfileText(yamlOf(id), id));
  });
});
