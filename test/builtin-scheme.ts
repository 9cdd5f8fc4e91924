import { join } from 'node:path';
import { builtinSchemeDir } from '../src/scheme/load.js';
import type { Scheme } from '../src/scheme/model.js';
import { readSchemeFile } from '../src/scheme/parse.js';

/** A built-in scheme parsed from its YAML at once, for tests that score by hand (runs load schemes with loadScheme). */
export function builtinScheme(id: string): Scheme {
  return readSchemeFile(join(builtinSchemeDir, `${id}.yaml`), id).scheme;
}
