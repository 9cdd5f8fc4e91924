import { isUtf8 } from 'node:buffer';
/**
 * A small streaming scanner for the XML parts of a workbook, built on indexOf. The bytes are
 * taken as Latin-1 (one character per byte, so a chunk may end anywhere, even inside a
 * three-byte Chinese character), and only the text and attribute values a handler asks for are
 * decoded as UTF-8. Element and attribute names are matched by local name, so namespace
 * prefixes (x:row, x:c) do not matter. A DOCTYPE is refused: workbooks never have one, and
 * entity expansion is how XML bombs work.
 */
export interface XmlHandler {
  /** An element starts; `empty` when it is also its end (<c r="A1"/>). */
  open(name: string, tag: Tag, empty: boolean): void;
  /** An element ends (not called for empty elements). */
  close(name: string): void;
  /** Text between tags, decoded; only delivered while `wantsText` is true. `notUtf8`: its bytes were not UTF-8 (see decodeTextChecked). */
  text(text: string, notUtf8: boolean): void;
  readonly wantsText: boolean;
  /**
   * A handler's own quick reading of the tokens it meets most (a sheet's rows and cells), tried
   * at each `<` while no text is wanted: the position after what it read, INCOMPLETE when the
   * chunk ends inside it, or NOT_HANDLED to have the scanner read the token as usual.
   */
  fast?(s: string, lt: number): number;
  /**
   * A closing tag after which nothing is left half-read (a sheet's `</row>`): each chunk is
   * scanned up to its last one and the rest waits for the next chunk. Only a hint for speed:
   * a chunk may end anywhere. The quick readers peek a few characters ahead, and a peek past
   * the end of the text (a chunk ending inside a row) makes V8 throw away their optimised code,
   * about once per chunk.
   */
  readonly cutAfter?: string;
}

export const INCOMPLETE = -1;
export const NOT_HANDLED = -2;

class XmlError extends Error {
  override name = 'XmlError';
}

/** The attributes of the element just opened, read on demand from its source text (no copy is made). */
export class Tag {
  /** The text being scanned, and where this tag's attributes lie in it. */
  source = '';
  start = 0;
  end = 0;

  /** The value of the attribute whose local name is `name` (r matches r, and id matches r:id), decoded; or undefined. */
  get(name: string): string | undefined {
    const raw = this.raw(name);
    return raw === undefined ? undefined : decodeText(raw);
  }

  /** The same, undecoded: for values that are plain ASCII by the schema (cell references, style numbers, types). */
  raw(name: string): string | undefined {
    const s = this.source;
    let from = this.start;
    for (;;) {
      const at = s.indexOf(name, from);
      if (at < 0 || at >= this.end) return undefined;
      from = at + name.length;
      const before = s.charCodeAt(at - 1);
      // preceded by whitespace or a prefix colon, followed by optional spaces and =
      if (!(before === 32 || before === 9 || before === 10 || before === 13 || before === 58)) continue;
      if (before === 58 && !isPrefixed(s, at - 1)) continue;
      let i = from;
      while (isSpace(s.charCodeAt(i))) i++;
      if (s[i] !== '=') continue;
      i++;
      while (isSpace(s.charCodeAt(i))) i++;
      const quote = s[i];
      if (quote !== '"' && quote !== "'") continue;
      const end = s.indexOf(quote, i + 1);
      if (end < 0 || end >= this.end) return undefined;
      return s.slice(i + 1, end);
    }
  }
}

/** A colon at `colon` ends an attribute prefix (x:…) that itself follows whitespace. */
function isPrefixed(s: string, colon: number): boolean {
  let i = colon - 1;
  while (i >= 0 && isNameChar(s.charCodeAt(i))) i--;
  return i < colon - 1 && i >= 0 && isSpace(s.charCodeAt(i));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const HIGH_BYTE = /[\x80-\xff]/;

/** Latin-1 source text → the characters it encodes: UTF-8 decoded, entities replaced. */
export function decodeText(raw: string): string {
  return withEntities(HIGH_BYTE.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw);
}

/**
 * decodeText's text, and whether its bytes were not UTF-8 (a GBK name written unconverted, in a
 * part Excel refuses to open as it is; the text then reads U+FFFD for each bad sequence), from one
 * conversion of the bytes.
 */
export function decodeTextChecked(raw: string): { text: string; notUtf8: boolean } {
  if (!HIGH_BYTE.test(raw)) return { text: withEntities(raw), notUtf8: false };
  const bytes = Buffer.from(raw, 'latin1');
  return { text: withEntities(bytes.toString('utf8')), notUtf8: !isUtf8(bytes) };
}

function withEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, entity: string) => {
    if (entity[0] !== '#') return ENTITIES[entity] ?? whole;
    const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Local name of a tag: the part after a namespace prefix. */
function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/**
 * Feeds chunks of one XML part to a handler. Keeps only the unfinished tail of a chunk between
 * calls, so memory stays at one chunk whatever the size of the part.
 */
export class XmlScanner {
  /** Bytes not scanned yet: an unfinished token, and what came after the last cut (see XmlHandler.cutAfter). */
  private pending: Buffer = Buffer.alloc(0);
  /** Where the pending bytes and a new chunk are joined, reused from chunk to chunk. */
  private joined: Buffer = Buffer.alloc(0);
  private readonly tag = new Tag();
  private started = false;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: Buffer): void {
    if (!this.started) {
      this.started = true;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) throw new XmlError('UTF-16 XML is not supported');
    }
    const cutAfter = this.handler.cutAfter;
    const cut = cutAfter === undefined ? -1 : chunk.lastIndexOf(cutAfter);
    const scanTo = cut < 0 || cutAfter === undefined ? chunk.length : cut + cutAfter.length;
    this.scanBytes(this.join(chunk.subarray(0, scanTo)), chunk.subarray(scanTo));
  }

  /** Call after the last chunk: anything left is an unfinished tag. */
  end(): void {
    if (this.pending.length > 0) this.scanBytes(this.pending, Buffer.alloc(0));
    const rest = this.pending.toString('latin1');
    if (rest.trim() !== '' && rest.includes('<')) throw new XmlError('XML ends inside a tag');
  }

  /** The pending bytes followed by `head`, in one buffer. */
  private join(head: Buffer): Buffer {
    if (this.pending.length === 0) return head;
    const size = this.pending.length + head.length;
    if (this.joined.length < size) this.joined = Buffer.allocUnsafe(Math.max(size, 2 * this.joined.length));
    this.pending.copy(this.joined, 0);
    head.copy(this.joined, this.pending.length);
    return this.joined.subarray(0, size);
  }

  /** Scans `bytes` as one flat string (a concatenation would be a rope that every character read walks); what it leaves, then `after`, wait. */
  private scanBytes(bytes: Buffer, after: Buffer): void {
    const read = this.scan(bytes.toString('latin1'));
    // Copied when joined: `bytes` may lie in the buffer the next chunk is joined in.
    this.pending = read === bytes.length ? after : Buffer.concat([bytes.subarray(read), after]);
  }

  /**
   * Handles every complete token of `s`; returns where the unfinished rest begins. A part with
   * quick readers (a sheet) and one without (shared strings, styles) loop apart: V8 optimises a
   * loop for what it has seen, and the shared strings, read first, had the sheets' loop
   * optimised without its quick readers and then thrown away and optimised again (issue 17).
   */
  private scan(s: string): number {
    return this.handler.fast ? this.scanQuick(s) : this.scanTokens(s);
  }

  private scanTokens(s: string): number {
    const h = this.handler;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) return h.wantsText ? pos : s.length;
      pos = this.token(s, pos, lt);
      if (pos === INCOMPLETE) return lt;
    }
  }

  /** scanTokens, the handler's quick reader tried first at each `<` while no text is wanted. */
  private scanQuick(s: string): number {
    const h = this.handler;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) return h.wantsText ? pos : s.length;
      const read = h.wantsText ? NOT_HANDLED : (h.fast?.(s, lt) ?? NOT_HANDLED);
      if (read === INCOMPLETE) return lt;
      pos = read !== NOT_HANDLED ? read : this.token(s, pos, lt);
      if (pos === INCOMPLETE) return lt;
    }
  }

  /** The text from `pos` (when wanted), then the token at `lt`; returns the position after it, or INCOMPLETE when `s` ends inside it. */
  private token(s: string, pos: number, lt: number): number {
    const h = this.handler;
    if (lt > pos && h.wantsText) {
      const { text, notUtf8 } = decodeTextChecked(s.slice(pos, lt));
      h.text(text, notUtf8);
    }
    const next = s.charCodeAt(lt + 1);
    if (Number.isNaN(next)) return INCOMPLETE;
    if (next === 47 /* / */) {
      const gt = s.indexOf('>', lt + 2);
      if (gt < 0) return INCOMPLETE;
      h.close(localName(s.slice(lt + 2, gt).trim()));
      return gt + 1;
    }
    if (next === 63 /* ? */) {
      const end = s.indexOf('?>', lt + 2);
      return end < 0 ? INCOMPLETE : end + 2;
    }
    if (next === 33 /* ! */) {
      const end = this.special(s, lt);
      return end < 0 ? INCOMPLETE : end;
    }
    const end = tagEnd(s, lt + 1);
    if (end < 0) return INCOMPLETE;
    const empty = s.charCodeAt(end - 1) === 47;
    let nameEnd = lt + 1;
    while (nameEnd < end && !isSpace(s.charCodeAt(nameEnd)) && s.charCodeAt(nameEnd) !== 47) nameEnd++;
    this.tag.source = s;
    this.tag.start = nameEnd;
    this.tag.end = empty ? end - 1 : end;
    h.open(localName(s.slice(lt + 1, nameEnd)), this.tag, empty);
    return end + 1;
  }

  /** Comments, CDATA sections and declarations; returns the position after them, or -1 if unfinished. */
  private special(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.handler.wantsText) {
        const { text, notUtf8 } = decodeTextChecked(s.slice(lt + 9, end).replace(/&/g, '&amp;'));
        this.handler.text(text, notUtf8);
      }
      return end + 3;
    }
    if (s.length - lt < 9) return -1;
    throw new XmlError('XML with a DOCTYPE or declaration is not a workbook part');
  }
}

/** The index of the > that closes the tag starting at `from`, skipping quoted attribute values; -1 if not in `s`. */
function tagEnd(s: string, from: number): number {
  let i = from;
  for (;;) {
    const gt = s.indexOf('>', i);
    if (gt < 0) return -1;
    let quote = -1;
    for (let j = i; j < gt; j++) {
      const c = s.charCodeAt(j);
      if (c === 34 || c === 39) {
        quote = j;
        break;
      }
    }
    if (quote < 0) return gt;
    const close = s.indexOf(s[quote] as string, quote + 1);
    if (close < 0) return -1;
    i = close + 1;
  }
}
