/**
 * Columns a text takes on a terminal, for aligning tables and help: East Asian wide and
 * full-width characters and emoji two, combining marks, joiners and variation selectors none,
 * others one. Names reaching a table are cleaned of controls (core/text.ts). This is what
 * string-width answers for such text, without loading its grapheme segmenter and emoji tables,
 * whose start-up every terminal run would otherwise pay (about 40 ms).
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x300) {
      width += c < 0x20 || (c >= 0x7f && c < 0xa0) ? 0 : 1;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) c = ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00) + 0x10000;
    width += zeroWidth(c) ? 0 : wide(c) ? 2 : 1;
  }
  return width;
}

function zeroWidth(c: number): boolean {
  return (
    (c >= 0x300 && c <= 0x36f) || // combining diacritical marks
    (c >= 0x200b && c <= 0x200f) || // zero-width space, joiners, direction marks
    (c >= 0xfe00 && c <= 0xfe0f) || // variation selectors
    (c >= 0x20d0 && c <= 0x20ff) || // combining marks for symbols
    (c >= 0xe0100 && c <= 0xe01ef) || // variation selectors supplement
    c === 0xfeff
  );
}

function wide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) || // Hangul Jamo
    (c >= 0x2e80 && c <= 0x303e) || // CJK radicals, symbols and punctuation
    (c >= 0x3041 && c <= 0x33ff) || // kana, bopomofo, CJK compatibility
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xa000 && c <= 0xa4cf) || // Yi
    (c >= 0xac00 && c <= 0xd7a3) || // Hangul syllables
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    (c >= 0xff00 && c <= 0xff60) || // full-width forms
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) || // emoji: pictographs, emoticons
    (c >= 0x1f680 && c <= 0x1f6ff) || // transport and map
    (c >= 0x1f900 && c <= 0x1f9ff) || // supplemental pictographs
    (c >= 0x1fa70 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd) // CJK extensions B and after
  );
}
