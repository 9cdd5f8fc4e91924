import { describe, expect, it } from 'vitest';
import { add, divideRoundHalfUp, format, parsePoints, toNumber, type Hundredths } from '../src/core/decimal.js';

const p = (text: string | number) => parsePoints(text) as Hundredths;

describe('exact hundredths', () => {
  it('adds 0.1 + 0.2 to exactly 0.3', () => {
    // 10 + 20 = 30 hundredths
    expect(toNumber(add(p(0.1), p(0.2)))).toBe(0.3);
    expect(format(add(p('0.1'), p('0.2')))).toBe('0.3');
  });

  it('reads what spreadsheets store as binary doubles', () => {
    // 8.52 as a double is 8.519999999999999…; it is still 852 hundredths
    expect(p(8.52)).toBe(852);
    expect(p('1.50')).toBe(150);
    expect(p('-2')).toBe(-200);
    expect(parsePoints('1.234')).toBeNull();
    expect(parsePoints('abc')).toBeNull();
  });

  it('rounds half up', () => {
    // 8.515 → 8.52; 8.5149 → 8.51; −0.005 → −0.01 (half away from zero)
    expect(divideRoundHalfUp(8515n, 1000n)).toBe(9);
    expect(divideRoundHalfUp(85150n, 10000n)).toBe(9);
    expect(divideRoundHalfUp(51100n * 1000n, 6n * 10000n)).toBe(852);
    expect(divideRoundHalfUp(-5n, 10n)).toBe(-1);
  });

  it('drops trailing zeros for display', () => {
    expect(format(p('98.50'))).toBe('98.5');
    expect(format(p('100.00'))).toBe('100');
    expect(format(p('-2'))).toBe('-2');
    expect(format(p('0.05'))).toBe('0.05');
  });
});
