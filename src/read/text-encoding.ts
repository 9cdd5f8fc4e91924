import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The encodings a text export comes in: Excel on Chinese Windows saves CSV in GBK, "CSV UTF-8"
 * in UTF-8 with a BOM, and "Unicode 文本" (as some clock software writes its logs) in UTF-16LE
 * with a BOM. A BOM decides; without one, text that is valid UTF-8 is UTF-8 and anything else is
 * GB18030 (a superset of GBK), decoded by Node's own TextDecoder. Charset guessers are
 * unreliable on short Chinese text, so this order is deliberate.
 */
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

const BYTE_ORDER_MARKS: readonly { bytes: readonly number[]; encoding: TextEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** The byte-order mark a text file starts with, if any. */
export function byteOrderMark(bytes: Uint8Array): { bytes: readonly number[]; encoding: TextEncoding } | undefined {
  return BYTE_ORDER_MARKS.find((m) => m.bytes.every((b, i) => bytes[i] === b));
}

/** A line end in text: CRLF, LF or a lone CR (old Mac files, some clocks). */
export const LINE_BREAK = /\r\n|\r|\n/g;

/** The most characters a cell (or a log's line) may hold: a note of a thousand pages is no cell a clerk typed, and the run says where it is. */
export const CELL_LIMIT = 1_000_000;

/** A text's bytes in pieces from an offset on: a file read a piece at a time (fileBytes), or bytes in memory as one piece. */
export type ByteChunks = (from: number) => Iterable<Uint8Array>;

/** How a text's bytes are decoded: the encoding, whether they are all of it, and the byte-order mark's length skipped. */
export interface TextChoice {
  encoding: TextEncoding;
  undecodable: boolean;
  skip: number;
}

/**
 * The encoding a text is read in (see TextEncoding for the order) and whether its bytes are all
 * of it; `head` is its first bytes. A file's bytes are run through once per encoding tried,
 * without being held.
 */
export function textChoice(head: Uint8Array, chunks: ByteChunks): TextChoice {
  const marked = byteOrderMark(head);
  if (marked) return { encoding: marked.encoding, undecodable: !decodesAs(chunks(marked.bytes.length), marked.encoding), skip: marked.bytes.length };
  if (decodesAs(chunks(0), 'utf-8')) return { encoding: 'utf-8', undecodable: false, skip: 0 };
  return { encoding: 'gb18030', undecodable: !decodesAs(chunks(0), 'gb18030'), skip: 0 };
}

function decodesAs(chunks: Iterable<Uint8Array>, encoding: TextEncoding): boolean {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for (const chunk of chunks) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * The text piece by piece, decoded as chosen: each bad sequence reads U+FFFD, and the NUL
 * padding the text ends in is dropped (withoutPadding), so the pieces joined are the whole text.
 * `keepMark`: a UTF-8 byte-order mark is kept as text (an attlog reads it as white space).
 */
export function* textPieces(chunks: ByteChunks, choice: TextChoice, keepMark = false): Generator<string> {
  const decoder = new TextDecoder(choice.encoding, { ignoreBOM: keepMark });
  // NULs a piece ends in: padding if nothing but NULs follows them, so held until more text comes.
  let held = '';
  for (const chunk of chunks(choice.skip)) {
    const text = held + decoder.decode(chunk, { stream: true });
    const kept = withoutPadding(text);
    held = text.slice(kept.length);
    if (kept !== '') yield kept;
  }
  const last = withoutPadding(held + decoder.decode());
  if (last !== '') yield last;
}

/** Bytes in memory as ByteChunks. */
export const inMemory =
  (bytes: Uint8Array): ByteChunks =>
  (from) => [bytes.subarray(from)];

/** How much of a file is read at a time. */
const PIECE = 1 << 20;

/** A file's bytes as ByteChunks, read a piece at a time (never held whole: a log or CSV may be larger than a string can be). */
export const fileBytes =
  (path: string): ByteChunks =>
  function* (from) {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(PIECE);
      for (let at = from; ; ) {
        const read = readSync(fd, buffer, 0, PIECE, at);
        if (read === 0) return;
        at += read;
        yield buffer.subarray(0, read);
      }
    } finally {
      closeSync(fd);
    }
  };

/**
 * The text without the NUL characters a file can end in: a clock's log or a copied file padded
 * to its block (a line cut short by a power loss ends in them). Padding, not content.
 */
function withoutPadding(text: string): string {
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
 * (a cell pasted from elsewhere) is text, its cell reported where it is used; zero bytes the file
 * ends in are padding (withoutPadding). Its byte order is not guessed (一 is U+4E00, a zero byte
 * either way round): the file is refused. `bytes` are its first bytes at least; `all`, every byte
 * (the file read a piece at a time).
 */
export function looksLikeUnmarkedUtf16(bytes: Uint8Array, all: ByteChunks): boolean {
  if (byteOrderMark(bytes)) return false;
  const sample = bytes.subarray(0, ZERO_SAMPLE);
  const zero = sample.indexOf(0);
  if (zero < 0) return false;
  // Zero bytes the file ends in are padding, not UTF-16: a byte after the first zero that is not zero says otherwise.
  let beyondPadding = false;
  for (const chunk of all(zero)) if ((beyondPadding = chunk.some((b) => b !== 0))) break;
  if (!beyondPadding) return false;
  let end = sample.length;
  while (end > 0 && sample[end - 1] === 0) end -= 1;
  let even = 0;
  let odd = 0;
  sample.subarray(0, end).forEach((b, i) => {
    if (b === 0 && i % 2 === 0) even += 1;
    else if (b === 0) odd += 1;
  });
  return Math.max(even, odd) >= Math.max(1, end / 2 / UTF16_ZERO_SHARE);
}
