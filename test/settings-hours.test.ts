import { describe, expect, it } from 'vitest';
import { problem } from '../src/core/problems.js';
import { formatProblem } from '../src/messages.js';

describe('设置 hours problems', () => {
  it('gives each season start its own example: 05-01 for 夏季开始, 10-01 for 冬季开始', () => {
    const at = { file: '2026-11.xlsx', sheet: '设置', row: 2, column: '值', columnLetter: 'B' };
    const text = (key: string) => formatProblem(problem('setting_invalid', at, { key, value: 'x', expected: 'month_day' }));
    // 冬季开始 was told to be written 05-01, the summer's start.
    expect(text('冬季开始')).toContain('如 10-01');
    expect(text('夏季开始')).toContain('如 05-01');
  });
});
