import { afterEach, describe, expect, it } from 'vitest';
import { dayIn, formatInstant, instantAt, isValidTimeOfDay, isValidTimeZone } from '../../src/domain/zoned-time.js';

const iso = (d: Date) => d.toISOString();

// Daylight saving time in 2026:
//   Europe/Berlin     CET (+01:00) → CEST (+02:00) on Sun 2026-03-29 at 02:00 local,
//                     CEST → CET on Sun 2026-10-25 at 03:00 local (02:00–03:00 happens twice).
//   America/New_York  EST (−05:00) → EDT (−04:00) on Sun 2026-03-08 at 02:00 local,
//                     EDT → EST on Sun 2026-11-01 at 02:00 local (01:00–02:00 happens twice).
//   Australia/Lord_Howe +11:00 → +10:30 on Sun 2026-04-05 at 02:00 local (a half-hour shift).

describe('instantAt: 09:00 around the DST changes', () => {
  it.each([
    // Europe/Berlin, spring: before, on and after the change
    ['2026-03-28', 'Europe/Berlin', '2026-03-28T08:00:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-29T07:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-30T07:00:00.000Z'],
    // Europe/Berlin, autumn
    ['2026-10-24', 'Europe/Berlin', '2026-10-24T07:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-25T08:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-26T08:00:00.000Z'],
    // America/New_York, spring
    ['2026-03-07', 'America/New_York', '2026-03-07T14:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T13:00:00.000Z'],
    ['2026-03-09', 'America/New_York', '2026-03-09T13:00:00.000Z'],
    // America/New_York, autumn
    ['2026-10-31', 'America/New_York', '2026-10-31T13:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T14:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T14:00:00.000Z'],
    // Between the US and the EU change the two zones are 5 hours apart instead of 6.
    ['2026-03-20', 'America/New_York', '2026-03-20T13:00:00.000Z'],
    ['2026-03-20', 'Europe/Berlin', '2026-03-20T08:00:00.000Z'],
    // Zones without DST, and odd offsets
    ['2026-07-01', 'UTC', '2026-07-01T09:00:00.000Z'],
    ['2026-07-01', 'Asia/Kolkata', '2026-07-01T03:30:00.000Z'],
    ['2026-07-01', 'Asia/Kathmandu', '2026-07-01T03:15:00.000Z'],
    ['2026-04-04', 'Australia/Lord_Howe', '2026-04-03T22:00:00.000Z'],
    ['2026-04-05', 'Australia/Lord_Howe', '2026-04-04T22:30:00.000Z'],
  ])('09:00 on %s in %s is %s', (day, zone, expected) => {
    expect(iso(instantAt(day, '09:00', zone))).toBe(expected);
  });

  it('uses the given time of day, not just 09:00', () => {
    expect(iso(instantAt('2026-12-01', '17:30', 'Europe/Berlin'))).toBe('2026-12-01T16:30:00.000Z');
    expect(iso(instantAt('2026-06-01', '17:30', 'Europe/Berlin'))).toBe('2026-06-01T15:30:00.000Z');
    expect(iso(instantAt('2026-06-01', '00:00', 'America/New_York'))).toBe('2026-06-01T04:00:00.000Z');
    expect(iso(instantAt('2026-12-31', '23:59', 'America/New_York'))).toBe('2027-01-01T04:59:00.000Z');
    expect(iso(instantAt('2026-01-01', '08:00', 'Pacific/Auckland'))).toBe('2025-12-31T19:00:00.000Z');
  });

  it('midnight on the DST days is still the start of that local day', () => {
    expect(iso(instantAt('2026-03-29', '00:00', 'Europe/Berlin'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(instantAt('2026-10-25', '00:00', 'Europe/Berlin'))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(instantAt('2026-03-30', '00:00', 'Europe/Berlin'))).toBe('2026-03-29T22:00:00.000Z');
  });

  it('a wall time skipped by the spring change moves forward by the gap (02:30 → 03:30 local)', () => {
    // 02:30 does not exist; read with the offset before the change it is 01:30Z = 03:30 CEST.
    expect(iso(instantAt('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 EST would be 07:30Z = 03:30 EDT.
    expect(iso(instantAt('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('a wall time that happens twice in the autumn is its first occurrence (still on summer time)', () => {
    expect(iso(instantAt('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantAt('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(instantAt('2026-04-05', '01:45', 'Australia/Lord_Howe'))).toBe('2026-04-04T14:45:00.000Z');
  });

  it('lands on the requested local day and time', () => {
    for (const [day, zone] of [
      ['2026-03-29', 'Europe/Berlin'],
      ['2026-10-25', 'Europe/Berlin'],
      ['2026-03-08', 'America/New_York'],
      ['2026-11-01', 'America/New_York'],
    ] as const) {
      expect(formatInstant(instantAt(day, '09:00', zone), zone)).toBe(`${day} 09:00`);
    }
  });
});

describe('instantAt does not depend on the time zone the server runs in', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney', 'Pacific/Kiritimati'])('host zone %s', (host) => {
    process.env.TZ = host;
    expect(iso(instantAt('2026-03-29', '09:00', 'Europe/Berlin'))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(instantAt('2026-10-25', '09:00', 'Europe/Berlin'))).toBe('2026-10-25T08:00:00.000Z');
    expect(iso(instantAt('2026-03-08', '09:00', 'America/New_York'))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(instantAt('2026-11-01', '09:00', 'America/New_York'))).toBe('2026-11-01T14:00:00.000Z');
    // The gap and the repeated hour are where a host-zone dependency would show.
    expect(iso(instantAt('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(instantAt('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantAt('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(dayIn(new Date('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29');
  });
});

describe('dayIn', () => {
  it.each([
    // Berlin: midnight is 23:00Z in winter, 22:00Z in summer
    ['2026-03-28T22:59:59Z', 'Europe/Berlin', '2026-03-28'],
    ['2026-03-28T23:00:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-03-29T21:59:59Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-03-29T22:00:00Z', 'Europe/Berlin', '2026-03-30'],
    ['2026-10-24T21:59:59Z', 'Europe/Berlin', '2026-10-24'],
    ['2026-10-24T22:00:00Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T22:59:59Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T23:00:00Z', 'Europe/Berlin', '2026-10-26'],
    // New York is behind UTC: late evening local is already tomorrow in UTC
    ['2027-01-01T04:59:00Z', 'America/New_York', '2026-12-31'],
    ['2027-01-01T05:00:00Z', 'America/New_York', '2027-01-01'],
    ['2026-07-02T03:59:00Z', 'America/New_York', '2026-07-01'],
    ['2026-07-02T04:00:00Z', 'America/New_York', '2026-07-02'],
    // Far east: already tomorrow
    ['2026-06-30T11:59:00Z', 'Pacific/Auckland', '2026-06-30'],
    ['2026-06-30T12:00:00Z', 'Pacific/Auckland', '2026-07-01'],
    ['2026-12-31T10:00:00Z', 'Pacific/Kiritimati', '2027-01-01'],
    ['2026-12-31T10:00:00Z', 'Pacific/Pago_Pago', '2026-12-30'],
    ['2026-06-30T18:29:00Z', 'Asia/Kolkata', '2026-06-30'],
    ['2026-06-30T18:30:00Z', 'Asia/Kolkata', '2026-07-01'],
    ['2026-06-30T23:59:59Z', 'UTC', '2026-06-30'],
    ['2026-07-01T00:00:00Z', 'UTC', '2026-07-01'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(dayIn(new Date(instant), zone)).toBe(expected);
  });
});

describe('formatInstant', () => {
  it('renders the local wall clock', () => {
    expect(formatInstant(new Date('2026-12-04T08:00:00Z'), 'Europe/Berlin')).toBe('2026-12-04 09:00');
    expect(formatInstant(new Date('2026-07-01T07:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01 09:00');
    expect(formatInstant(new Date('2027-01-01T04:59:00Z'), 'America/New_York')).toBe('2026-12-31 23:59');
  });
});

describe('isValidTimeOfDay', () => {
  it.each(['00:00', '09:00', '12:30', '23:59', '19:05'])('accepts %s', (t) => {
    expect(isValidTimeOfDay(t)).toBe(true);
  });
  it.each(['9:00', '24:00', '23:60', '12:5', '0900', '09:00:00', '09.00', '9am', '', ' 09:00', '-1:00'])('rejects %j', (t) => {
    expect(isValidTimeOfDay(t)).toBe(false);
  });
});

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Etc/GMT+5'])('accepts %s', (z) => {
    expect(isValidTimeZone(z)).toBe(true);
  });
  it.each(['', 'Mars/Olympus', 'Europe/Berlinn', 'Berlin', ' Europe/Berlin', 'GMT+25'])('rejects %j', (z) => {
    expect(isValidTimeZone(z)).toBe(false);
  });
});
