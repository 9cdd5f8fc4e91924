import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScore, type ScoreRunOptions } from '../src/commands/score.js';
import { InputError, type Problem } from '../src/core/problems.js';
import { toScoreJson } from '../src/write/json.js';

/** The same input through the streaming reader (from 0 bytes) and the whole-file reader. */
async function both(input: string, options: Omit<ScoreRunOptions, 'streamFrom'>) {
  const run = async (streamFrom: number) => {
    try {
      const r = await runScore(input, { ...options, streamFrom });
      return { json: toScoreJson(r.result, []), evidence: r.result.subjects.flatMap((s) => s.trace.map((l) => [l.evidence, l.at])), problems: where(r.warnings) };
    } catch (error) {
      if (error instanceof InputError) return { problems: where(error.problems) };
      throw error;
    }
  };
  return { streamed: await run(0), whole: await run(Number.POSITIVE_INFINITY) };
}

const where = (problems: readonly Problem[]) => problems.map((p) => [p.code, p.severity, p.at.sheet ?? null, p.at.row ?? null, p.at.column ?? p.at.columnLetter ?? null, p.args]);

describe('streaming and whole-file reading agree', () => {
  it.each([
    ['fixtures/demo/2026-10.xlsx', 'bingcha-monthly'],
    ['fixtures/demo/2026-10-个人.xlsx', 'bianmin-10pt'],
    ['fixtures/demo/2026-11-考勤.xlsx', 'bianmin-10pt'],
  ])('%s scores the same, with the same punches behind each record', async (input, scheme) => {
    const { streamed, whole } = await both(input, { scheme });
    expect(streamed).toEqual(whole);
    expect(streamed.json?.subjects.length).toBeGreaterThan(0);
  });

  const bad = (JSON.parse(readFileSync('fixtures/bad/cases.json', 'utf8')) as { file: string; args: string[] }[]).filter(
    (c) => c.file.endsWith('.xlsx') && c.args[0] === 'score' && c.args[1] === '{file}' && !/missing-file|csv-renamed|old-xls|empty-file|truncated|zip-bomb|no-period/.test(c.file),
  );
  it.each(bad)('$file reports the same problems at the same rows', async (c) => {
    const scheme = c.args[c.args.indexOf('--scheme') + 1]!;
    const { streamed, whole } = await both(join('fixtures/bad', c.file), { scheme });
    expect(streamed.problems).toEqual(whole.problems);
    expect(streamed.problems.length).toBeGreaterThan(0);
  });
});

describe('the streaming reader across chunk boundaries', () => {
  it('keeps every Chinese character intact when the XML spans many inflated chunks', async () => {
    const { writeWorkbook, tempDir } = await import('./workbook.js');
    const { readInput } = await import('../src/read/input.js');
    const { workbookSheets } = await import('../src/core/input-sheets.js');
    const { officialCalendar } = await import('../src/calendar/calendar.js');
    // 4,000 distinct three-byte names: sharedStrings.xml is far larger than one chunk
    const names = Array.from({ length: 4000 }, (_, i) => `张${String.fromCharCode(0x4e00 + (i % 2000))}${String.fromCharCode(0x5000 + Math.floor(i / 2000))}窗口`);
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: [['工号', '姓名', '窗口'], ...names.map((n, i) => [String(i), n, '民政'])] });
    const read = (streamFrom: number) => readInput(path, workbookSheets, {}, { calendar: officialCalendar(), year: 2026, streamFrom });
    const streamed = (await read(0)).sheets.get('roster')!.rows.map((r) => r.cells[1]);
    expect(streamed.slice(1)).toEqual(names);
    expect(streamed).toEqual((await read(Number.POSITIVE_INFINITY)).sheets.get('roster')!.rows.map((r) => r.cells[1]));
  });
});
