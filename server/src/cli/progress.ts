// A progress line on stderr for large scans on a terminal: files done / total and the rate.
// Redrawn at most ten times a second; cleared when the scan ends so reports start clean.

import type { CliIO } from "./io.ts";

export function progressBar(io: CliIO): { update: (done: number, total: number) => void; finish: () => void } {
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      io.writeErr(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} files  ${rate.toFixed(0)} files/s`);
      drawn = true;
    },
    finish() {
      if (drawn) io.writeErr("\r\u001b[2K");
    },
  };
}
