// Peak memory of this process in KB. On Linux, resourceUsage().maxRSS carries over the parent's
// peak through fork and exec (a child of a large runner reports the runner's size), so the
// process's own high-water mark (VmHWM) is read instead where /proc has it.
import { readFileSync } from 'node:fs';

export function peakKB() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
