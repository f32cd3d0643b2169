import { fromPacific, toPacific } from '../../src/shipstation/pacific-time';

describe('Pacific time', () => {
  it('toPacific: standard and daylight time, and both sides of each change', () => {
    expect(toPacific('2024-01-15T20:00:00Z')).toBe('2024-01-15 12:00:00');
    expect(toPacific('2024-07-15T20:00:00Z')).toBe('2024-07-15 13:00:00');
    expect(toPacific('2024-03-10T09:59:59Z')).toBe('2024-03-10 01:59:59');
    expect(toPacific('2024-03-10T10:00:00Z')).toBe('2024-03-10 03:00:00');
    expect(toPacific('2024-11-03T08:30:00Z')).toBe('2024-11-03 01:30:00');
    expect(toPacific('2024-11-03T09:30:00Z')).toBe('2024-11-03 01:30:00');
    expect(toPacific('2024-01-01T07:59:59Z')).toBe('2023-12-31 23:59:59');
    expect(toPacific('2024-01-01T08:00:00Z')).toBe('2024-01-01 00:00:00');
    expect(() => toPacific('yesterday')).toThrow(RangeError);
  });

  it('fromPacific: both ShipStation formats, round trips, and the two DST edges', () => {
    expect(fromPacific('2024-09-17 10:51:14')).toBe('2024-09-17T17:51:14.000Z');
    expect(fromPacific('2024-09-17T10:51:14.5030000')).toBe('2024-09-17T17:51:14.503Z');
    expect(fromPacific('2024-01-15 12:00:00')).toBe('2024-01-15T20:00:00.000Z');
    // Repeated hour: the earlier (daylight) instant. Spring gap: read as standard time.
    expect(fromPacific('2024-11-03 01:30:00')).toBe('2024-11-03T08:30:00.000Z');
    expect(fromPacific('2024-03-10 02:30:00')).toBe('2024-03-10T10:30:00.000Z');
    for (const iso of ['2024-03-10T10:00:00.000Z', '2024-06-01T00:00:00.000Z', '2024-12-31T23:59:59.000Z']) {
      expect(fromPacific(toPacific(iso))).toBe(iso);
    }
    expect(() => fromPacific('17/09/2024 10:51')).toThrow(RangeError);
  });
});
