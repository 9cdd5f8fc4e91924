import { describe, expect, it } from 'vitest';
import { parsePeriod, periodFromFileName } from '../src/core/period.js';

describe('period from a file name', () => {
  it.each([
    ['2026-10.xlsx', '2026-10'],
    ['2026年10月考核.xlsx', '2026-10'],
    ['栟茶 2026_3.xlsx', '2026-03'],
    ['202610.xlsx', '2026-10'],
    ['2026-H2.xlsx', '2026-H2'],
    ['2026年上半年.xlsx', '2026-H1'],
    ['2026年度.xlsx', '2026'],
    ['2026.xlsx', '2026'],
    ['年度考核-2026.xlsx', '2026'],
    // NFKC makes a full-width ／ the / a month is written with
    ['2026／2.xlsx', '2026-02'],
  ])('%s → %s', (name, label) => {
    expect(periodFromFileName(name)?.label).toBe(label);
  });

  it('finds none in a name without one', () => {
    expect(periodFromFileName('考核台账.xlsx')).toBeNull();
    expect(periodFromFileName('2026-13.xlsx')).toBeNull();
  });

  it('reads the first month of a name that holds two, whichever way each is written', () => {
    expect(periodFromFileName('2026-09与2026年10月.xlsx')?.label).toBe('2026-09');
    expect(periodFromFileName('2026年9 与 2026-10.xlsx')?.label).toBe('2026-09');
    // the first is no month: no period, not the second one
    expect(periodFromFileName('2026-13 2026年10月.xlsx')).toBeNull();
  });
});

describe('--period as a clerk writes it', () => {
  it.each([
    ['2026-10', '2026-10'],
    ['2026年10月', '2026-10'],
    ['２０２６年３月', '2026-03'],
    ['2026/10', '2026-10'],
    ['2026.3', '2026-03'],
    ['2026-h1', '2026-H1'],
    ['2026年上半年', '2026-H1'],
    ['2026下半年', '2026-H2'],
    ['2026年', '2026'],
    ['2026年度', '2026'],
    // as file names write them (one table of forms, core/period.ts)
    ['2026_3', '2026-03'],
    ['202610', '2026-10'],
    ['2026 H2', '2026-H2'],
  ])('%s → %s', (text, label) => {
    expect(parsePeriod(text)?.label).toBe(label);
  });

  it('refuses what names no period', () => {
    for (const text of ['2026年13月', '2026年10', '10月', '2026-10-01', '上半年', '202613', '2026_13', '20261015', '20261']) expect(parsePeriod(text)).toBeNull();
  });
});
