/**
 * ShipStation reads and writes America/Los_Angeles wall-clock time with no offset. These helpers convert
 * explicitly so nothing depends on the server's own time zone.
 *
 * DST choices (the same as Temporal's `disambiguation: 'compatible'`):
 * - fall-back overlap (e.g. 2024-11-03 01:30 happens twice): the EARLIER instant, PDT (-07:00), is chosen;
 * - spring-forward gap (e.g. 2024-03-10 02:30 never happens): read with the offset in force before the gap
 *   (PST, -08:00), i.e. the wall time moves forward by the gap: 02:30 → 10:30Z (= 03:30 PDT).
 */

const ZONE = 'America/Los_Angeles';
const HOUR_MS = 3_600_000;

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeAt(epochMs: number): WallTime {
  const parts = Object.fromEntries(formatter.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parseUtc(isoUtc: string): number {
  const ms = Date.parse(isoUtc);
  // A string without a zone would be read as server-local time: exactly the bug this module exists to avoid.
  if (Number.isNaN(ms) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(isoUtc.trim())) {
    throw new RangeError(`"${isoUtc}" is not an ISO-8601 timestamp with a zone`);
  }
  return ms;
}

function formatWall(w: WallTime, separator: ' ' | 'T'): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}${separator}${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** UTC ISO-8601 → Pacific `yyyy-MM-dd HH:mm:ss`, the form ShipStation accepts on input. */
export function toPacific(isoUtc: string): string {
  return formatWall(wallTimeAt(parseUtc(isoUtc)), ' ');
}

/** Epoch ms → Pacific `yyyy-MM-ddTHH:mm:ss.fffffff`, the form ShipStation writes on output (7 fraction digits). */
export function toPacificOutput(epochMs: number): string {
  const millis = ((epochMs % 1000) + 1000) % 1000;
  return `${formatWall(wallTimeAt(epochMs), 'T')}.${pad(millis, 3)}0000`;
}

const PACIFIC_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

/** Pacific text (`2024-09-17 10:51:14` or `2024-09-17T10:51:14.5030000`) → epoch ms. */
export function pacificToEpochMs(text: string): number {
  const m = PACIFIC_TEXT.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a Pacific time yyyy-MM-dd HH:mm:ss`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const wanted = { year, month, day, hour, minute, second };
  const check = new Date(asIfUtc);
  // Date.UTC rolls 2024-02-30 over to March: reject instead of silently shifting the date.
  if (check.getUTCMonth() + 1 !== month || check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute) {
    throw new RangeError(`"${text}" is not a valid date`);
  }
  // Pacific is UTC-7 (PDT) or UTC-8 (PST); try the earlier instant first so an overlap resolves to PDT.
  for (const offsetHours of [7, 8]) {
    const candidate = asIfUtc + offsetHours * HOUR_MS;
    if (sameWall(wallTimeAt(candidate), wanted)) return candidate;
  }
  // Neither offset reproduces the wall time: it lies in the spring-forward gap; use the pre-gap offset (PST).
  return asIfUtc + 8 * HOUR_MS;
}

/** Pacific text → ISO-8601 UTC (`2024-09-17T17:51:14.503Z`). */
export function fromPacific(text: string): string {
  return new Date(pacificToEpochMs(text)).toISOString();
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}
