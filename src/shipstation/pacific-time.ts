/**
 * ShipStation reads and writes Pacific wall-clock time with no offset. These two converters are pure and
 * DST-safe: the zone rules come from Intl (the ICU tz database), never from the server's local zone.
 */

const ZONE = 'America/Los_Angeles';
const HOUR_MS = 3_600_000;

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Pacific wall-clock fields of an instant. */
function pacificParts(epochMs: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = Object.fromEntries(wallClock.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** Pacific offset from UTC at an instant, in ms (−7 h in summer, −8 h in winter). */
function offsetAt(epochMs: number): number {
  const p = pacificParts(epochMs);
  const wallAsUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/** `2024-09-17T17:51:14Z` → `2024-09-17 10:51:14` (Pacific; sub-second precision dropped). */
export function toPacific(isoUtc: string): string {
  const epochMs = Date.parse(isoUtc);
  if (Number.isNaN(epochMs)) throw new RangeError(`not an ISO-8601 date-time: ${JSON.stringify(isoUtc)}`);
  const p = pacificParts(epochMs);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const PACIFIC_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

/**
 * `2024-09-17 10:51:14` or `2024-09-17T10:51:14.5030000` (Pacific) → ISO UTC. In the repeated hour of the
 * autumn change the earlier (daylight) instant is chosen; a time inside the spring gap is read as standard
 * time, which lands just after the gap.
 */
export function fromPacific(text: string): string {
  const m = PACIFIC_TEXT.exec(text.trim());
  if (!m) throw new RangeError(`not a Pacific date-time (yyyy-MM-dd HH:mm:ss): ${JSON.stringify(text)}`);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const wallAsUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
  if (Number.isNaN(wallAsUtc)) throw new RangeError(`not a Pacific date-time: ${JSON.stringify(text)}`);
  // The two offsets in force around this wall time; keep the candidates whose offset is really in force then.
  const offsets = [...new Set([offsetAt(wallAsUtc - 24 * HOUR_MS), offsetAt(wallAsUtc + 24 * HOUR_MS)])].sort((a, b) => b - a);
  const valid = offsets.map((o) => wallAsUtc - o).filter((t) => offsetAt(t) === wallAsUtc - t);
  const instant = valid.length > 0 ? Math.min(...valid) : wallAsUtc - Math.min(...offsets);
  return new Date(instant).toISOString();
}
