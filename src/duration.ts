/**
 * Parses "500ms", "5s", "1m", "6h", "2d" into milliseconds. The unit is required: a bare "5" read as 5 ms made
 * INGEST_INTERVAL=5 (meant as seconds) a schedule Temporal refused.
 */
export function parseDuration(text: string): number {
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(text)) throw new Error(`"${text.trim()}" has no unit (examples: 500ms, 5s, 1m, 6h, 2d)`);
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a duration (examples: 500ms, 5s, 1m, 6h, 2d)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms'];
  const ms = Number(m[1]) * unit;
  if (ms <= 0) throw new Error(`"${text}" must be longer than zero`);
  return Math.round(ms);
}
