import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesWithin, importArrows, upwardArrows } from './layers.js';
import { tempDir } from './workbook.js';

/** A throwaway src tree: path → source. */
function fakeTree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('imports point down the layers (test/layers.ts gives the order and why)', () => {
  it('no module of src imports from a layer above its own', () => {
    expect(upwardArrows(importArrows('.'))).toEqual([]);
  });

  it('the command modules import each other without a cycle', () => {
    expect(cyclesWithin(importArrows('.'), 'src/commands')).toEqual([]);
  });

  it('the checker sees an upward import, a lazy one, a re-export and a score module reaching into validate', () => {
    const root = fakeTree({
      'src/core/dates.ts': `export const x = 1;`,
      'src/read/punch-collector.ts': `import { dateFromCell } from '../validate/fields.js';\nimport { x } from '../core/dates.js';`,
      'src/validate/fields.ts': `export function dateFromCell() {}`,
      'src/derive/day.ts': `export async function f() { return import('../write/audit.js'); }`,
      'src/write/audit.ts': `export * from '../cli/main.js';`,
      'src/cli/main.ts': `export const y = 2;`,
      'src/score/engine.ts': `import type { Person } from '../derive/day.js';`,
    });
    expect(upwardArrows(importArrows(root))).toEqual([
      'src/derive/day.ts:1 → src/write/audit.ts (derive imports write)',
      'src/read/punch-collector.ts:1 → src/validate/fields.ts (read imports validate)',
      'src/score/engine.ts:1 → src/derive/day.ts (score imports derive)',
      'src/write/audit.ts:1 → src/cli/main.ts (write imports cli)',
    ]);
  });

  it('the checker finds a cycle between command modules, and a folder nobody placed', () => {
    const root = fakeTree({
      'src/commands/month.ts': `import type { YearOptions } from './year.js';`,
      'src/commands/year.ts': `import { scoreMonth } from './month.js';`,
      'src/commands/batch.ts': `import { runYear } from './year.js';`,
    });
    expect(cyclesWithin(importArrows(root), 'src/commands')).toEqual(['src/commands/year.ts → src/commands/month.ts → src/commands/year.ts']);
    const stray = fakeTree({ 'src/util/x.ts': `import { y } from '../core/y.js';` });
    expect(() => upwardArrows(importArrows(stray))).toThrow('src/util/x.ts: not in any layer');
  });
});
