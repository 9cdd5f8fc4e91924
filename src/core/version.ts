import { readFileSync } from 'node:fs';

/**
 * What kaohe writes in the core properties of every workbook it makes: its name as author, and
 * fixed dates (outputs must not change from one run to the next). A workbook that still holds
 * both was written by kaohe and saved by nothing since (see writtenByKaohe).
 */
export const WORKBOOK_AUTHOR = 'kaohe';
export const FIXED_WORKBOOK_DATE = new Date(Date.UTC(2000, 0, 1));

/** kaohe's own version, from package.json (two levels above this module: src/core/, dist/core/ and the bundle's dist/bundle/ all sit at that depth). */
export function kaoheVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
