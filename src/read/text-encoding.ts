import { isUtf8 } from 'node:buffer';

/**
 * The encodings a text export comes in: Excel on Chinese Windows saves CSV in GBK, "CSV UTF-8"
 * in UTF-8 with a BOM, and "Unicode 文本" (as some clock software writes its logs) in UTF-16LE
 * with a BOM. A BOM decides; without one, text that is valid UTF-8 is UTF-8 and anything else is
 * GB18030 (a superset of GBK), decoded by Node's own TextDecoder. Charset guessers are
 * unreliable on short Chinese text, so this order is deliberate.
 */
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** The bytes are not all of that encoding: each bad sequence reads U+FFFD, and a cell holding one must not be read as it came out. */
  undecodable: boolean;
}

const BYTE_ORDER_MARKS: readonly { bytes: readonly number[]; encoding: TextEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** The byte-order mark a text file starts with, if any. */
export function byteOrderMark(bytes: Uint8Array): { bytes: readonly number[]; encoding: TextEncoding } | undefined {
  return BYTE_ORDER_MARKS.find((m) => m.bytes.every((b, i) => bytes[i] === b));
}

/** Decodes a text file's bytes (a BOM is dropped); see TextEncoding for how the encoding is chosen. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const marked = byteOrderMark(bytes);
  if (marked) return decodeAs(bytes.subarray(marked.bytes.length), marked.encoding);
  if (isUtf8(bytes)) return { text: withoutPadding(new TextDecoder('utf-8').decode(bytes)), encoding: 'utf-8', undecodable: false };
  return decodeAs(bytes, 'gb18030');
}

function decodeAs(body: Uint8Array, encoding: TextEncoding): DecodedText {
  try {
    return { text: withoutPadding(new TextDecoder(encoding, { fatal: true }).decode(body)), encoding, undecodable: false };
  } catch {
    return { text: withoutPadding(new TextDecoder(encoding).decode(body)), encoding, undecodable: true };
  }
}

/**
 * The text without the NUL characters a file can end in: a clock's log or a copied file padded
 * to its block (a line cut short by a power loss ends in them). Padding, not content.
 */
export function withoutPadding(text: string): string {
  return text.replace(/\0+$/, '');
}

/** How far into a file zero bytes are looked for. */
const ZERO_SAMPLE = 4096;
/** UTF-16 text has a zero byte on one side of at least one pair in this many (its commas and line breaks alone, in Chinese text). */
const UTF16_ZERO_SHARE = 10;

/**
 * Whether a file without a BOM looks like UTF-16: zero bytes near its start, on alternate bytes
 * and many of them — UTF-16 has one on the same side of the pair for every tab, line break, digit
 * and Latin letter, which UTF-8 and GBK text never holds. A stray zero byte or two in UTF-8 text
 * (a cell pasted from elsewhere) is text, its cell reported where it is used. Its byte order is
 * not guessed (一 is U+4E00, a zero byte either way round): the file is refused.
 */
export function looksLikeUnmarkedUtf16(bytes: Uint8Array): boolean {
  if (byteOrderMark(bytes)) return false;
  // Zero bytes the file ends in are padding (withoutPadding), not UTF-16.
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  const sample = bytes.subarray(0, Math.min(end, ZERO_SAMPLE));
  let even = 0;
  let odd = 0;
  sample.forEach((b, i) => {
    if (b === 0 && i % 2 === 0) even += 1;
    else if (b === 0) odd += 1;
  });
  return Math.max(even, odd) >= Math.max(1, sample.length / 2 / UTF16_ZERO_SHARE);
}
