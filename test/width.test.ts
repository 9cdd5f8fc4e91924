import { fc, test } from '@fast-check/vitest';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/write/width.js';

/**
 * Tables and help are aligned by displayWidth; string-width (kept for this test) is the
 * reference: every text a table shows — names and units in Chinese, digits, ASCII, full-width
 * punctuation, emoji, accents — measures the same.
 */
const chars = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x4e00, max: 0x9fa5 }),
  fc.constantFrom(0x3001, 0x3002, 0xff0c, 0xff08, 0xff09, 0xff1a, 0x300a, 0x300b, 0x2014, 0x00b7, 0x00e9, 0x1f600, 0x1f44d, 0x1f389, 0x20bb7, 0x0301, 0xfe0f, 0x3000),
);

describe('display width', () => {
  test.prop([fc.array(chars, { maxLength: 30 })])('equals string-width on table and help text', (codes) => {
    const text = String.fromCodePoint(...codes);
    expect(displayWidth(text)).toBe(stringWidth(text));
  });

  it('counts a Chinese name two columns a character, an accent none', () => {
    // 张三 → 2 + 2; "José" with a combining acute → 4
    expect(displayWidth('张三')).toBe(4);
    expect(displayWidth('Jose\u0301')).toBe(4);
  });
});
