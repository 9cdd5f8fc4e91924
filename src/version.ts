import { readFileSync } from 'node:fs';

/** kaohe's own version, from package.json (one level above src/ and dist/). */
export function kaoheVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
