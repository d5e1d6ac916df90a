import { afterEach, describe, expect, it } from 'vitest';
import { countedMs, deadlineAfter, type SlaHours } from '../../src/domain/business-hours.js';

// Every expected value below is worked out by hand. Instants carry their local offset so the
// wall-clock time can be read off directly.
//
// Calendar (2026 unless stated): Mon 06-01, Fri 06-05, Sat 06-06, Mon 06-08; Thu 03-26, Fri 03-27,
// Sun 03-29, Mon 03-30; Fri 10-23, Sun 10-25, Mon 10-26, Thu 10-29, Fri 10-30, Sun 11-01, Mon 11-02;
// Fri 03-06, Sun 03-08, Mon 03-09; Wed 12-23, Thu 12-24, Fri 12-25, Thu 12-31, Fri 2027-01-01,
// Mon 2027-01-04; Mon 01-05, Fri 01-30. 2026 starts and ends on a Thursday: 261 weekdays.
//
// Clock changes: Europe/Berlin +01→+02 Sun 03-29, +02→+01 Sun 10-25; America/New_York −05→−04
// Sun 03-08, −04→−05 Sun 11-01; Asia/Jerusalem +02→+03 on Friday 03-27 at 02:00; Africa/Cairo
// +02→+03 on Friday 04-24 at 00:00 and +03→+02 at the end of Thursday 10-29; Pacific/Apia skipped
// Friday 2011-12-30 entirely (−10 → +14).

const HOUR = 3_600_000;
const MINUTE = 60_000;
const t = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

const TWENTY_FOUR_SEVEN: SlaHours = { kind: '24x7' };
const business = (timezone: string, holidays: string[] = []): SlaHours => ({ kind: 'business', timezone, holidays });
const UTC = business('UTC');

describe('24x7', () => {
  it('counts the plain difference, and nothing backwards', () => {
    expect(countedMs(t('2026-06-06T22:00:00Z'), t('2026-06-07T01:30:00Z'), TWENTY_FOUR_SEVEN)).toBe(3.5 * HOUR);
    expect(countedMs(t('2026-06-07T01:30:00Z'), t('2026-06-06T22:00:00Z'), TWENTY_FOUR_SEVEN)).toBe(0);
    expect(countedMs(t('2026-06-07T01:30:00Z'), t('2026-06-07T01:30:00Z'), TWENTY_FOUR_SEVEN)).toBe(0);
  });

  it('a deadline is the target added to the start, night and weekend included', () => {
    expect(iso(deadlineAfter(t('2026-06-05T23:00:00Z'), 4 * HOUR, TWENTY_FOUR_SEVEN))).toBe('2026-06-06T03:00:00.000Z');
    expect(iso(deadlineAfter(t('2026-06-05T23:00:00Z'), 0, TWENTY_FOUR_SEVEN))).toBe('2026-06-05T23:00:00.000Z');
  });
});

describe('countedMs in business hours (UTC, no holidays)', () => {
  it.each([
    ['within one day', '2026-06-01T10:00:00Z', '2026-06-01T12:30:00Z', 2.5 * HOUR],
    ['from before opening', '2026-06-01T07:00:00Z', '2026-06-01T10:00:00Z', 1 * HOUR],
    ['until after closing', '2026-06-01T15:00:00Z', '2026-06-01T22:00:00Z', 2 * HOUR],
    ['exactly one working day', '2026-06-01T09:00:00Z', '2026-06-01T17:00:00Z', 8 * HOUR],
    ['overnight: closing to next opening', '2026-06-01T17:00:00Z', '2026-06-02T09:00:00Z', 0],
    ['overnight with an hour each side', '2026-06-01T16:00:00Z', '2026-06-02T10:00:00Z', 2 * HOUR],
    ['opened Friday 16:30, resolved Monday 09:30', '2026-06-05T16:30:00Z', '2026-06-08T09:30:00Z', 1 * HOUR],
    ['opened Saturday, resolved Monday 11:00', '2026-06-06T12:00:00Z', '2026-06-08T11:00:00Z', 2 * HOUR],
    ['wholly inside a weekend', '2026-06-06T08:00:00Z', '2026-06-07T20:00:00Z', 0],
    ['Friday evening to Monday morning before opening', '2026-06-05T18:00:00Z', '2026-06-08T08:59:59Z', 0],
    ['a whole week', '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z', 40 * HOUR],
    ['four whole weeks', '2026-06-01T00:00:00Z', '2026-06-29T00:00:00Z', 160 * HOUR],
    ['down to the millisecond', '2026-06-01T16:59:59.999Z', '2026-06-02T09:00:00.001Z', 2],
    // Wed 12–17 (5 h), Thu and Fri (16 h), Mon (8 h), Tue 09–12 (3 h).
    ['Wednesday noon to next Tuesday noon', '2026-06-03T12:00:00Z', '2026-06-09T12:00:00Z', 32 * HOUR],
  ])('%s', (_what, from, to, expected) => {
    expect(countedMs(t(from), t(to), UTC)).toBe(expected);
  });

  it('is 0 when the end is not after the start', () => {
    expect(countedMs(t('2026-06-01T12:00:00Z'), t('2026-06-01T10:00:00Z'), UTC)).toBe(0);
    expect(countedMs(t('2026-06-01T12:00:00Z'), t('2026-06-01T12:00:00Z'), UTC)).toBe(0);
  });

  it('refuses an unknown time zone', () => {
    expect(() => countedMs(t('2026-06-01T10:00:00Z'), t('2026-06-01T12:00:00Z'), business('Mars/Olympus'))).toThrow(/unknown time zone/);
    expect(() => deadlineAfter(t('2026-06-01T10:00:00Z'), HOUR, business('Mars/Olympus'))).toThrow(/unknown time zone/);
  });

  it('refuses an invalid date rather than counting nothing', () => {
    expect(() => countedMs(new Date('nope'), t('2026-06-01T12:00:00Z'), UTC)).toThrow(RangeError);
    expect(() => countedMs(t('2026-06-01T12:00:00Z'), new Date(NaN), UTC)).toThrow(RangeError);
  });
});

describe('countedMs with holidays', () => {
  it('a Friday holiday: Thursday 16:00 to Monday 10:00 is 2 h', () => {
    expect(countedMs(t('2026-06-04T16:00:00Z'), t('2026-06-08T10:00:00Z'), business('UTC', ['2026-06-05']))).toBe(2 * HOUR);
  });

  it('a Monday holiday: Friday 16:00 to Tuesday 10:00 is 2 h', () => {
    expect(countedMs(t('2026-06-05T16:00:00Z'), t('2026-06-09T10:00:00Z'), business('UTC', ['2026-06-08']))).toBe(2 * HOUR);
  });

  it('an issue opened on a holiday starts counting the next working day', () => {
    expect(countedMs(t('2026-06-05T10:00:00Z'), t('2026-06-08T09:45:00Z'), business('UTC', ['2026-06-05']))).toBe(45 * MINUTE);
  });

  it('a holiday on a Saturday changes nothing', () => {
    expect(countedMs(t('2026-06-05T16:00:00Z'), t('2026-06-08T10:00:00Z'), business('UTC', ['2026-06-06']))).toBe(2 * HOUR);
  });

  it('the Christmas fortnight: Wed 23 Dec 12:00 to Mon 4 Jan 12:00 with four holidays is 32 h', () => {
    // Wed 23: 5 h; Thu 24, Fri 25 off; Mon 28 – Wed 30: 24 h; Thu 31, Fri 1 off; Mon 4: 3 h.
    const hours = business('UTC', ['2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01']);
    expect(countedMs(t('2026-12-23T12:00:00Z'), t('2027-01-04T12:00:00Z'), hours)).toBe(32 * HOUR);
  });

  it('holidays are days in the SLA time zone, not in UTC', () => {
    const berlin = business('Europe/Berlin', ['2026-06-05']);
    // 23:30Z on Thursday is already 01:30 on the Friday holiday in Berlin: Thu 16:00 → 17:00 local only.
    expect(countedMs(t('2026-06-04T16:00:00+02:00'), t('2026-06-08T10:00:00+02:00'), berlin)).toBe(2 * HOUR);
    expect(countedMs(t('2026-06-05T08:00:00+02:00'), t('2026-06-05T16:00:00+02:00'), berlin)).toBe(0);
  });

  it('a year in Berlin: 261 weekdays, 7 of them German public holidays (3 Oct and 26 Dec are Saturdays)', () => {
    const holidays = ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-25', '2026-12-26'];
    const from = t('2026-01-01T00:00:00+01:00');
    const to = t('2027-01-01T00:00:00+01:00');
    expect(countedMs(from, to, business('Europe/Berlin'))).toBe(261 * 8 * HOUR);
    expect(countedMs(from, to, business('Europe/Berlin', holidays))).toBe(254 * 8 * HOUR);
  });
});

describe('countedMs across clock changes: a working day is 09:00–17:00 local, 8 h', () => {
  it.each([
    // Europe/Berlin, spring and autumn
    ['Berlin: Fri 16:00 CET to Mon 10:00 CEST', 'Europe/Berlin', '2026-03-27T16:00:00+01:00', '2026-03-30T10:00:00+02:00', 2 * HOUR],
    ['Berlin: Fri 09:00 CET to Mon 17:00 CEST', 'Europe/Berlin', '2026-03-27T09:00:00+01:00', '2026-03-30T17:00:00+02:00', 16 * HOUR],
    ['Berlin: the week of the spring change', 'Europe/Berlin', '2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 40 * HOUR],
    ['Berlin: the week after it', 'Europe/Berlin', '2026-03-30T00:00:00+02:00', '2026-04-06T00:00:00+02:00', 40 * HOUR],
    ['Berlin: Fri 16:00 CEST to Mon 10:00 CET', 'Europe/Berlin', '2026-10-23T16:00:00+02:00', '2026-10-26T10:00:00+01:00', 2 * HOUR],
    ['Berlin: the DST Sunday itself is no working day', 'Europe/Berlin', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 0],
    ['Berlin: Mon 08:59 → 09:01 the day after the autumn change', 'Europe/Berlin', '2026-10-26T08:59:00+01:00', '2026-10-26T09:01:00+01:00', 1 * MINUTE],
    // America/New_York
    ['New York: Fri 16:30 EST to Mon 09:30 EDT', 'America/New_York', '2026-03-06T16:30:00-05:00', '2026-03-09T09:30:00-04:00', 1 * HOUR],
    ['New York: Fri 16:30 EDT to Mon 09:30 EST', 'America/New_York', '2026-10-30T16:30:00-04:00', '2026-11-02T09:30:00-05:00', 1 * HOUR],
    ['New York: Mon 17:00 EDT is closing, not 16:00', 'America/New_York', '2026-03-09T16:00:00-04:00', '2026-03-09T18:00:00-04:00', 1 * HOUR],
    ['New York: the autumn week', 'America/New_York', '2026-10-26T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 40 * HOUR],
    // Clock changes on a weekday
    ['Jerusalem: Thu 16:00 +02 to Fri 10:00 +03', 'Asia/Jerusalem', '2026-03-26T16:00:00+02:00', '2026-03-27T10:00:00+03:00', 2 * HOUR],
    ['Jerusalem: the Friday of the change is 8 h', 'Asia/Jerusalem', '2026-03-27T00:00:00+02:00', '2026-03-28T00:00:00+03:00', 8 * HOUR],
    ['Jerusalem: the week of the change', 'Asia/Jerusalem', '2026-03-23T00:00:00+02:00', '2026-03-30T00:00:00+03:00', 40 * HOUR],
    ['Cairo: the Friday the clocks go forward', 'Africa/Cairo', '2026-04-24T09:00:00+03:00', '2026-04-24T17:00:00+03:00', 8 * HOUR],
    ['Cairo: Thu 16:00 +03 to Fri 10:00 +02', 'Africa/Cairo', '2026-10-29T16:00:00+03:00', '2026-10-30T10:00:00+02:00', 2 * HOUR],
    ['Cairo: the week of the autumn change', 'Africa/Cairo', '2026-10-26T00:00:00+03:00', '2026-11-02T00:00:00+02:00', 40 * HOUR],
    // Offsets that are not whole hours
    ['Kolkata: 09:00 local is 03:30Z', 'Asia/Kolkata', '2026-06-01T03:00:00Z', '2026-06-01T04:00:00Z', 30 * MINUTE],
    ['Kathmandu: 17:00 local is 11:15Z', 'Asia/Kathmandu', '2026-06-01T11:00:00Z', '2026-06-01T12:00:00Z', 15 * MINUTE],
    ['Lord Howe: the week of its half-hour change', 'Australia/Lord_Howe', '2026-03-30T00:00:00+11:00', '2026-04-06T00:00:00+10:30', 40 * HOUR],
    // A weekday that never happened
    ['Apia: the week Friday 2011-12-30 was skipped has 4 working days', 'Pacific/Apia', '2011-12-26T00:00:00-10:00', '2012-01-02T00:00:00+14:00', 32 * HOUR],
    ['Apia: Thu 16:00 to Mon 10:00 across the skipped day', 'Pacific/Apia', '2011-12-29T16:00:00-10:00', '2012-01-02T10:00:00+14:00', 2 * HOUR],
  ])('%s', (_what, zone, from, to, expected) => {
    expect(countedMs(t(from), t(to), business(zone))).toBe(expected);
  });
});

describe('deadlineAfter', () => {
  it.each([
    ['inside a working day', '2026-06-01T10:00:00Z', 2 * HOUR, '2026-06-01T12:00:00.000Z'],
    ['across the night', '2026-06-01T16:00:00Z', 2 * HOUR, '2026-06-02T10:00:00.000Z'],
    ['Friday 16:30 + 1 h is Monday 09:30', '2026-06-05T16:30:00Z', 1 * HOUR, '2026-06-08T09:30:00.000Z'],
    ['a target used up exactly at closing is due at that closing', '2026-06-05T16:00:00Z', 1 * HOUR, '2026-06-05T17:00:00.000Z'],
    ['one millisecond more is the next opening plus 1 ms', '2026-06-05T16:00:00Z', 1 * HOUR + 1, '2026-06-08T09:00:00.001Z'],
    ['opened Saturday: 8 h is Monday closing', '2026-06-06T12:00:00Z', 8 * HOUR, '2026-06-08T17:00:00.000Z'],
    ['opened Saturday: 8 h and 1 min is Tuesday 09:01', '2026-06-06T12:00:00Z', 8 * HOUR + MINUTE, '2026-06-09T09:01:00.000Z'],
    ['four working weeks from a Monday opening end on the fourth Friday', '2026-01-05T09:00:00Z', 160 * HOUR, '2026-01-30T17:00:00.000Z'],
  ])('%s', (_what, from, target, expected) => {
    expect(iso(deadlineAfter(t(from), target, UTC))).toBe(expected);
  });

  it.each([
    ['in working time: the start itself', '2026-06-01T10:00:00Z', '2026-06-01T10:00:00.000Z'],
    ['at opening: the opening', '2026-06-01T09:00:00Z', '2026-06-01T09:00:00.000Z'],
    ['before opening: the opening', '2026-06-01T08:00:00Z', '2026-06-01T09:00:00.000Z'],
    ['at closing (not working time any more): the next opening', '2026-06-05T17:00:00Z', '2026-06-08T09:00:00.000Z'],
    ['on Saturday: Monday opening', '2026-06-06T12:00:00Z', '2026-06-08T09:00:00.000Z'],
  ])('a target of 0 is due when the clock starts — %s', (_what, from, expected) => {
    expect(iso(deadlineAfter(t(from), 0, UTC))).toBe(expected);
  });

  it('skips holidays', () => {
    expect(iso(deadlineAfter(t('2026-06-04T16:00:00Z'), 2 * HOUR, business('UTC', ['2026-06-05'])))).toBe('2026-06-08T10:00:00.000Z');
    const christmas = business('UTC', ['2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01']);
    expect(iso(deadlineAfter(t('2026-12-23T12:00:00Z'), 32 * HOUR, christmas))).toBe('2027-01-04T12:00:00.000Z');
  });

  it.each([
    ['Berlin spring', 'Europe/Berlin', '2026-03-27T16:00:00+01:00', 2 * HOUR, '2026-03-30T08:00:00.000Z'],
    ['Berlin autumn', 'Europe/Berlin', '2026-10-23T16:00:00+02:00', 2 * HOUR, '2026-10-26T09:00:00.000Z'],
    ['New York spring', 'America/New_York', '2026-03-06T16:30:00-05:00', 1 * HOUR, '2026-03-09T13:30:00.000Z'],
    ['New York autumn', 'America/New_York', '2026-10-30T16:30:00-04:00', 1 * HOUR, '2026-11-02T14:30:00.000Z'],
    ['Jerusalem, change on a Friday', 'Asia/Jerusalem', '2026-03-26T16:00:00+02:00', 2 * HOUR, '2026-03-27T07:00:00.000Z'],
    ['Cairo, change at the end of a Thursday', 'Africa/Cairo', '2026-10-29T16:00:00+03:00', 2 * HOUR, '2026-10-30T08:00:00.000Z'],
    ['Apia, across the skipped Friday', 'Pacific/Apia', '2011-12-29T16:00:00-10:00', 2 * HOUR, '2012-01-01T20:00:00.000Z'],
  ])('across a clock change: %s', (_what, zone, from, target, expected) => {
    expect(iso(deadlineAfter(t(from), target, business(zone)))).toBe(expected);
  });

  it('refuses a negative, infinite or NaN target and an invalid start', () => {
    for (const target of [-1, Infinity, NaN]) expect(() => deadlineAfter(t('2026-06-01T10:00:00Z'), target, UTC)).toThrow(RangeError);
    expect(() => deadlineAfter(new Date('nope'), HOUR, UTC)).toThrow(RangeError);
  });
});

describe('does not depend on the time zone the server runs in', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Kiritimati'])('host zone %s', (host) => {
    process.env.TZ = host;
    const berlin = business('Europe/Berlin', ['2026-10-23']);
    expect(countedMs(t('2026-10-22T16:00:00+02:00'), t('2026-10-26T10:00:00+01:00'), berlin)).toBe(2 * HOUR);
    expect(iso(deadlineAfter(t('2026-10-22T16:00:00+02:00'), 2 * HOUR, berlin))).toBe('2026-10-26T09:00:00.000Z');
    const newYork = business('America/New_York');
    expect(countedMs(t('2026-03-06T16:30:00-05:00'), t('2026-03-09T09:30:00-04:00'), newYork)).toBe(1 * HOUR);
  });
});
