/**
 * Terminal escape sequences: CSI (ESC [ … final byte), terminated string commands such as OSC
 * (ESC ] … BEL or ESC \), and two-character escapes (ESC c). A cell that carries one must
 * never recolour, clear or retitle the clerk's terminal. One-byte C1 forms are removed as
 * controls: they also appear in mis-decoded text, where removing a whole "sequence" would
 * eat the clerk's words.
 */
// eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point: they are removed
const ESCAPE_SEQUENCE = /\x1b\[[\x20-\x3f]*[\x40-\x7e]?|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[\x20-\x7e]?/g;

/** C0 and C1 controls and DEL, line breaks and tabs included. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or shown as codes
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;

/**
 * The invisible characters, in one place: format characters Excel shows as nothing, which make
 * two equal-looking names differ or reorder what a terminal shows. Zero-width space, non-joiner,
 * joiner and marks (U+200B–U+200F), word joiner and invisible operators (U+2060–U+2064), BOM,
 * soft hyphen, Mongolian vowel separator, bidirectional embeddings, overrides and isolates. A
 * cell of nothing else is empty (isBlankText); in a name or id they are folded away; echoed
 * back they are shown as codes.
 */
const INVISIBLE_CHARS = '\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff';
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');

/** Text Excel shows as nothing: spaces of any width and invisible characters only (or none). */
const SHOWS_NOTHING = new RegExp(`^[\\s${INVISIBLE_CHARS}]*$`);

/** Whether a cell's text shows nothing (only spaces and invisible characters): such a cell is empty. */
export function isBlankText(text: string): boolean {
  // Most cells start with printable ASCII or a CJK ideograph, neither a space nor invisible: told without the pattern.
  const first = text.charCodeAt(0);
  if ((first > 0x20 && first < 0x7f) || (first >= 0x4e00 && first <= 0x9fff)) return false;
  return SHOWS_NOTHING.test(text);
}

/**
 * U+FFFE, U+FFFF and half a surrogate pair (from a _xD800_ escape): not characters at all. XML
 * forbids them: a workbook holding the first two cannot be opened, and a half pair is written as U+FFFD.
 */
const NONCHARACTER = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * What of a text typed into a scheme or profile file no workbook can hold as it is: controls but
 * tab and line breaks (exceljs drops them without a word; C1 ones some terminals act on) and
 * noncharacters.
 */
const UNWRITABLE = new RegExp(`[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]|${NONCHARACTER.source}`);

/** The first character of `text` that no workbook can hold, as U+XXXX; null when there is none. */
export function unwritableCharacter(text: string): string | null {
  const bad = UNWRITABLE.exec(text)?.[0];
  return bad === undefined ? null : `U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const SHOWN_AS_CODE = new RegExp(`${CONTROL.source}|${INVISIBLE.source}|${NONCHARACTER.source}`, 'g');

/** Cell text without escape sequences, controls, invisible characters or noncharacters; line breaks and tabs become spaces. */
function withoutControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(/\r\n|[\t\n\v\f\r\x85\u2028\u2029]/g, ' ').replace(SHOWN_AS_CODE, '');
}

/**
 * Text that cleaning leaves as it is: printable ASCII but the space, and CJK ideographs (none has
 * a compatibility form, so NFKC keeps them). Most ids, names, notes and punch cells are such, and
 * cleaning them (NFKC and three passes of replace) was a fifth of validating a city month's 记录.
 */
const ALREADY_CLEAN = /^[\x21-\x7e\u4e00-\u9fff]*$/;

/**
 * Folds what clerks type differently but mean the same: full-width forms (ＡＢ１．１ → AB1.1),
 * surrounding and inner spaces, letter case, invisible characters. Used for matching headers,
 * sheet names and codes.
 */
export function foldKey(text: string): string {
  return withoutControls(text.normalize('NFKC')).replace(/\s+/g, '').toLowerCase();
}

/** Dashes clerks type for a hyphen: ‐ ‑ ‒ – — ― (U+2010–U+2015) and minus −; foldKey's NFKC has made the small and full-width hyphen-minus (﹣ －) a hyphen already. */
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * The key two 事项编号 match on (convention 7's 就高不重复): foldKey's width, spaces and case, and
 * any dash as a hyphen, so M1, m1, Ｍ１ and BZ-1, BZ—1, BZ－1 are each one matter.
 */
export function matterKey(text: string): string {
  return foldKey(text).replace(DASHES, '-');
}

/**
 * A name as matched: with stray spaces (including full-width ones), controls and invisible
 * characters removed, full-width and compatibility forms folded (NFKC: 综合窗口① = 综合窗口1), so
 * that one person or unit written two ways in two sheets is one. Not for showing (shownName).
 */
export function cleanName(text: string): string {
  if (ALREADY_CLEAN.test(text)) return text;
  return withoutControls(text.normalize('NFKC')).replace(/\s+/g, '');
}

/**
 * A name (姓名, 窗口) as the roster writes it, for showing: controls and invisible characters
 * removed, trimmed, a run of spaces one space, nothing folded (Mary Ann Lee, 民政 一窗, 综合窗口①,
 * 第Ⅲ窗口 stay so). Compared with other sheets' names by its cleanName.
 */
export function shownName(text: string): string {
  if (ALREADY_CLEAN.test(text)) return text;
  return withoutControls(text).trim().replace(/\s+/g, ' ');
}

/**
 * Free-form text (说明) as typed, trimmed; escape sequences and controls removed and line
 * breaks made spaces, so a note is one clean line on the terminal and in a written cell.
 */
export function cleanText(text: string): string {
  if (ALREADY_CLEAN.test(text)) return text;
  return withoutControls(text).trim();
}

/**
 * Text echoed back to the clerk (a cell value in a problem, a file or sheet name) with every
 * control and invisible character shown as its code (\x1B, \u202E), so the message shows what
 * is really in the cell and the terminal never interprets it.
 */
export function escapeControls(text: string): string {
  return text.replace(SHOWN_AS_CODE, (c) => {
    const code = c.charCodeAt(0);
    // Controls as \x1B, \x85; everything else (the soft hyphen U+00AD too) as \u200B.
    return code <= 0x9f ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** A count typed on the command line (--top, --jobs; full-width digits too): a whole number of at least 1, or null. */
export function positiveWhole(text: string): number | null {
  const n = Number(text.normalize('NFKC'));
  return Number.isInteger(n) && n >= 1 ? n : null;
}
