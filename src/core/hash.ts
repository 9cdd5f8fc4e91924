import { createHash } from 'node:crypto';

/**
 * SHA-256 in hex: of a scheme's or profile's text (its fingerprint, and the key its compiled
 * form is cached under at build time, so the build and the run must hash alike) and of an input
 * file's bytes (the 说明 sheet's record of what was read).
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
