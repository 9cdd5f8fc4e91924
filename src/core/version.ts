import { readFileSync } from 'node:fs';

/** kaohe's own version, from package.json (two levels above this module: src/core/, dist/core/ and the bundle's dist/bundle/ all sit at that depth). */
export function kaoheVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
