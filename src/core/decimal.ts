/**
 * Points are kept as integer hundredths ("cents") so that sums are exact:
 * 0.1 + 0.2 is 10 + 20 = 30 hundredths, never 0.30000000000000004.
 */
export type Hundredths = number & { readonly __hundredths: unique symbol };

const SCALE = 100;

export function hundredths(n: number): Hundredths {
  return n as Hundredths;
}

export const ZERO = hundredths(0);

/**
 * A decimal as written, in hundredths rounded half up from the digits as written (2.345 → 2.35,
 * where the double 2.345 is 2.34499…), and whether it had no digit beyond the second but zeros;
 * null if it is not a decimal number (or too large to count exactly).
 */
function decimalOf(value: number | string): { points: Hundredths; exact: boolean } | null {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[2] === '' && match[3] === undefined)) return null;
  const [, sign, whole = '', fraction = ''] = match;
  const rest = fraction.slice(2);
  const cents = Number(whole || '0') * SCALE + Number(fraction.slice(0, 2).padEnd(2, '0')) + (Number(rest[0] ?? '0') >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(cents)) return null;
  return { points: hundredths(sign === '-' ? -cents : cents), exact: /^0*$/.test(rest) };
}

/** Parses a decimal written with at most two fractional digits; null if it has more or is not a number. */
export function parsePoints(value: number | string): Hundredths | null {
  const decimal = decimalOf(value);
  return decimal?.exact ? decimal.points : null;
}

/** A decimal rounded half up to hundredths from the digits as written (2.345 → 2.35); null if it is not a number. */
export function roundPoints(value: number | string): Hundredths | null {
  return decimalOf(value)?.points ?? null;
}

/** Converts a number read from YAML or a cell (e.g. 8.5) to hundredths; throws if it has more than 2 decimals. */
export function toHundredths(value: number): Hundredths {
  const parsed = parsePoints(value);
  if (parsed === null) throw new RangeError(`not a number with at most 2 decimals: ${value}`);
  return parsed;
}

function numberToPlainString(n: number): string {
  // Spreadsheet cells hold binary doubles: 8.52 is 8.5199999…; 15 significant digits recover what was typed.
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

export function add(...values: Hundredths[]): Hundredths {
  let sum = 0;
  for (const v of values) sum += v;
  return hundredths(sum);
}

export function sub(a: Hundredths, b: Hundredths): Hundredths {
  return hundredths(a - b);
}

export function times(a: Hundredths, factor: number): Hundredths {
  if (!Number.isInteger(factor)) throw new RangeError(`integer factor expected: ${factor}`);
  return hundredths(a * factor);
}

export function min(a: Hundredths, b: Hundredths): Hundredths {
  return a < b ? a : b;
}

export function max(a: Hundredths, b: Hundredths): Hundredths {
  return a > b ? a : b;
}

/**
 * numerator / denominator rounded half up (away from zero for the halves), in exact integer arithmetic.
 * Used for conversions such as a peer-review mean scaled to an item's points.
 */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): Hundredths {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const quotient = (abs * 2n + denominator) / (denominator * 2n);
  return hundredths(Number(negative ? -quotient : quotient));
}

/** The plain JSON number for hundredths: 8520 → 85.2 (at most 2 decimals by construction). */
export function toNumber(value: Hundredths): number {
  return value / SCALE;
}

/** Display form: trailing zeros dropped (98.5, 100, −2), minus sign as ASCII for scripts. */
export function format(value: Hundredths): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const whole = Math.trunc(abs / SCALE);
  const fraction = abs % SCALE;
  const fractionText = fraction === 0 ? '' : '.' + String(fraction).padStart(2, '0').replace(/0$/, '');
  return (negative ? '-' : '') + String(whole) + fractionText;
}

/** Signed display for summaries: "+2", "-1.5". */
export function formatSigned(value: Hundredths): string {
  return value > 0 ? '+' + format(value) : format(value);
}
