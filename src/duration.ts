/** Parses "500ms", "5s", "1m", "6h", "2d" (or a bare number of milliseconds) into milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a duration (examples: 500ms, 5s, 1m, 6h, 2d)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  const ms = Number(m[1]) * unit;
  if (ms <= 0) throw new Error(`"${text}" must be longer than zero`);
  return Math.round(ms);
}
