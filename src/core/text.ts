/**
 * Folds what clerks type differently but mean the same: full-width forms (ＡＢ１．１ → AB1.1),
 * surrounding and inner spaces, letter case. Used for matching headers, sheet names and codes.
 */
export function foldKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** A name as entered, with stray spaces (including full-width ones) removed at the ends and inside. */
export function cleanName(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** Free-form text (说明) exactly as typed, only trimmed: it is the clerk's words, not a key. */
export function cleanText(text: string): string {
  return text.trim();
}
