import { fromPacific, toPacific, toPacificOutput } from '../../src/shipstation/pacific-time';

describe('Pacific time', () => {
  it.each([
    ['2024-09-17T17:51:14Z', '2024-09-17 10:51:14'], // PDT, UTC-7
    ['2024-01-15T20:00:00.000Z', '2024-01-15 12:00:00'], // PST, UTC-8
    ['2024-01-01T07:59:59Z', '2023-12-31 23:59:59'], // crosses a year boundary
    ['2024-03-10T09:59:59Z', '2024-03-10 01:59:59'], // last second of PST before spring-forward
    ['2024-03-10T10:00:00Z', '2024-03-10 03:00:00'], // first second of PDT
    ['2024-11-03T08:30:00Z', '2024-11-03 01:30:00'], // first 01:30 (PDT)
    ['2024-11-03T09:30:00Z', '2024-11-03 01:30:00'], // second 01:30 (PST)
    ['2024-09-17T12:51:14+02:00', '2024-09-17 03:51:14'], // any offset is accepted
  ])('toPacific(%s) = %s', (utc, pacific) => {
    expect(toPacific(utc)).toBe(pacific);
  });

  it.each([
    ['2024-09-17 10:51:14', '2024-09-17T17:51:14.000Z'],
    ['2024-09-17T10:51:14.5030000', '2024-09-17T17:51:14.503Z'], // ShipStation's output form
    ['2024-01-15 12:00:00', '2024-01-15T20:00:00.000Z'],
    ['2024-03-10 01:59:59', '2024-03-10T09:59:59.000Z'],
    ['2024-03-10 03:00:00', '2024-03-10T10:00:00.000Z'],
    ['2024-11-03 00:59:59', '2024-11-03T07:59:59.000Z'],
    ['2024-11-03 02:00:00', '2024-11-03T10:00:00.000Z'],
  ])('fromPacific(%s) = %s', (pacific, utc) => {
    expect(fromPacific(pacific)).toBe(utc);
  });

  it('reads the repeated fall-back hour as its first occurrence (PDT)', () => {
    expect(fromPacific('2024-11-03 01:30:00')).toBe('2024-11-03T08:30:00.000Z');
  });

  it('reads a time in the spring-forward gap with the pre-gap offset (PST), i.e. one hour later on the clock', () => {
    expect(fromPacific('2024-03-10 02:30:00')).toBe('2024-03-10T10:30:00.000Z');
    expect(toPacific(fromPacific('2024-03-10 02:30:00'))).toBe('2024-03-10 03:30:00');
  });

  it('round-trips every hour across both 2024 transitions', () => {
    for (const start of [Date.UTC(2024, 2, 9, 0), Date.UTC(2024, 10, 2, 0)]) {
      for (let h = 0; h < 72; h += 1) {
        const iso = new Date(start + h * 3_600_000).toISOString();
        const back = fromPacific(toPacific(iso));
        // The only lossy hour is the second 01:xx of fall-back, which resolves to the first.
        expect([iso, new Date(Date.parse(iso) - 3_600_000).toISOString()]).toContain(back);
      }
    }
  });

  it('writes the V1 output form with seven fraction digits', () => {
    expect(toPacificOutput(Date.parse('2024-09-17T17:51:14.503Z'))).toBe('2024-09-17T10:51:14.5030000');
  });

  it('rejects text that is not a Pacific timestamp, and UTC text without a zone', () => {
    expect(() => fromPacific('2024-02-30 10:00:00')).toThrow(RangeError);
    expect(() => fromPacific('17/09/2024 10:51')).toThrow(RangeError);
    expect(() => toPacific('2024-09-17 10:51:14')).toThrow(RangeError);
  });
});
