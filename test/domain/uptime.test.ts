import { describe, expect, it } from 'vitest';
import { meetsUptimeTarget, uptime, type Outage } from '../../src/domain/uptime.js';

const HOUR = 3_600_000;
const t = (iso: string) => new Date(iso);
const down = (start: string, end: string, maintenance = false): Outage => ({ start: t(start), end: t(end), maintenance });

// A 10-day period, looked at after it ended: 240 h.
const PERIOD = { start: t('2026-06-01T00:00:00Z'), end: t('2026-06-11T00:00:00Z') };
const AFTER = t('2026-07-01T00:00:00Z');

describe('uptime', () => {
  it('is 1 without outages', () => {
    expect(uptime([], PERIOD, AFTER)).toBe(1);
  });

  it('subtracts unplanned outage time: 6 h of 240 h', () => {
    expect(uptime([down('2026-06-02T10:00:00Z', '2026-06-02T16:00:00Z')], PERIOD, AFTER)).toBe(1 - 6 / 240);
  });

  it('ignores planned maintenance', () => {
    expect(uptime([down('2026-06-02T10:00:00Z', '2026-06-02T16:00:00Z', true)], PERIOD, AFTER)).toBe(1);
  });

  it('maintenance does not excuse an unplanned outage it overlaps', () => {
    const outages = [down('2026-06-02T10:00:00Z', '2026-06-02T16:00:00Z'), down('2026-06-02T12:00:00Z', '2026-06-02T20:00:00Z', true)];
    expect(uptime(outages, PERIOD, AFTER)).toBe(1 - 6 / 240);
  });

  it('merges overlapping and nested outages, in any order, counting each moment once', () => {
    const outages = [
      down('2026-06-03T02:00:00Z', '2026-06-03T04:00:00Z'), // inside the next one
      down('2026-06-03T00:00:00Z', '2026-06-03T06:00:00Z'),
      down('2026-06-03T05:00:00Z', '2026-06-03T09:00:00Z'), // overlaps its end: 00:00–09:00 is 9 h
      down('2026-06-03T09:00:00Z', '2026-06-03T10:00:00Z'), // touches it: 10 h
      down('2026-06-05T00:00:00Z', '2026-06-05T02:00:00Z'), // separate: 12 h in all
    ];
    expect(uptime(outages, PERIOD, AFTER)).toBe(1 - 12 / 240);
    expect(uptime([...outages].reverse(), PERIOD, AFTER)).toBe(1 - 12 / 240);
  });

  it('clips outages to the period', () => {
    const outages = [
      down('2026-05-31T20:00:00Z', '2026-06-01T02:00:00Z'), // 2 h inside
      down('2026-06-10T23:00:00Z', '2026-06-11T05:00:00Z'), // 1 h inside
      down('2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z'), // before
      down('2026-06-20T00:00:00Z', '2026-06-21T00:00:00Z'), // after
    ];
    expect(uptime(outages, PERIOD, AFTER)).toBe(1 - 3 / 240);
  });

  it('an outage longer than the period is 0 uptime', () => {
    expect(uptime([down('2026-05-01T00:00:00Z', '2026-07-01T00:00:00Z')], PERIOD, AFTER)).toBe(0);
  });

  it('ignores an outage that ends before it starts (bad data)', () => {
    expect(uptime([down('2026-06-02T16:00:00Z', '2026-06-02T10:00:00Z')], PERIOD, AFTER)).toBe(1);
  });

  it('a period still running is measured up to now: 2 h down in the first 48 h', () => {
    const now = t('2026-06-03T00:00:00Z');
    const outages = [down('2026-06-02T10:00:00Z', '2026-06-02T12:00:00Z'), down('2026-06-05T00:00:00Z', '2026-06-05T10:00:00Z')];
    expect(uptime(outages, PERIOD, now)).toBe(1 - 2 / 48);
    expect(uptime([down('2026-06-02T23:00:00Z', '2026-06-03T05:00:00Z')], PERIOD, now)).toBe(1 - 1 / 48);
  });

  it('is null for a period that has not started or is empty', () => {
    expect(uptime([], PERIOD, t('2026-05-01T00:00:00Z'))).toBeNull();
    expect(uptime([], PERIOD, PERIOD.start)).toBeNull();
    expect(uptime([], { start: PERIOD.end, end: PERIOD.start }, AFTER)).toBeNull();
  });

  it('is exact to the millisecond', () => {
    expect(uptime([down('2026-06-02T10:00:00.000Z', '2026-06-02T10:00:00.240Z')], PERIOD, AFTER)).toBe(1 - 240 / (240 * HOUR));
  });
});

describe('meetsUptimeTarget', () => {
  it.each([
    [0.999, 99.9, true],
    [1 - 43.2 / 43200, 99.9, true], // 43.2 min down in 30 days is exactly 99.9 %
    [0.99899, 99.9, false],
    [1, 100, true],
    [0.9999999, 100, false],
    [0.95, 95, true],
    [0.949, 95, false],
  ])('%d against %d %% → %s', (fraction, target, expected) => {
    expect(meetsUptimeTarget(fraction, target)).toBe(expected);
  });
});
