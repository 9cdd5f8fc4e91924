import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenOutputs, type Outputs } from './golden/cases.js';
import { tempDir } from './workbook.js';

/**
 * Issue 17 changed how workbooks are written (streamed, styles shared) and not what they hold:
 * every workbook kaohe writes, on the demo, on each bad-input fixture that is read right, on a
 * bench-size month and on years, has the same cells (values, types, number formats, fonts,
 * alignment, borders, merges), row heights, column widths, frozen panes and print setup as main's
 * in-memory writer gave before the change, and --json the same text. The recorded fingerprints
 * are test/golden/outputs.json (test/golden/record.ts).
 */
const recorded = JSON.parse(readFileSync('test/golden/outputs.json', 'utf8')) as Outputs;

describe('outputs unchanged by the streaming writer', async () => {
  const outputs = await goldenOutputs(tempDir());

  it('covers the same outputs as were recorded', () => {
    expect(Object.keys(outputs).sort()).toEqual(Object.keys(recorded).sort());
  });

  it.each(Object.keys(recorded))('%s', (name) => {
    expect(outputs[name]).toEqual(recorded[name]);
  });
}, 300_000);
