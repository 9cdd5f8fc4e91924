/** What a file's first bytes say it is, whatever it is called. */

/** A ZIP archive: an .xlsx (or any OOXML file). */
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
/** OLE compound file: a BIFF .xls or .et — or a password-protected .xlsx. */
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0] as const;

export function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
