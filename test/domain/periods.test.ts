import { describe, expect, it } from 'vitest';
import { lastDays, lastMonths } from '../../src/domain/periods.js';

const iso = (d: Date) => d.toISOString();

describe('lastMonths: N calendar months back from now, in the workspace zone', () => {
  it('12 months back from Monday 23 November 2026, 10:00 in Berlin, and the 12 before', () => {
    const period = lastMonths(12, new Date('2026-11-23T09:00:00Z'), 'Europe/Berlin');
    expect(period.title).toBe('last 12 months');
    expect(iso(period.current.start)).toBe('2025-11-23T09:00:00.000Z');
    expect(iso(period.current.end)).toBe('2026-11-23T09:00:00.000Z');
    expect(iso(period.previous.start)).toBe('2024-11-23T09:00:00.000Z');
    expect(iso(period.previous.end)).toBe('2025-11-23T09:00:00.000Z');
  });

  it('keeps the wall-clock time across a clock change (10:00 CET in November, 10:00 CEST in October)', () => {
    const period = lastMonths(1, new Date('2026-11-23T09:00:00Z'), 'Europe/Berlin');
    expect(period.title).toBe('last 1 month');
    expect(iso(period.current.start)).toBe('2026-10-23T08:00:00.000Z');
    expect(iso(period.previous.start)).toBe('2026-09-23T08:00:00.000Z');
  });

  it('a day missing from a shorter month is its last day; the previous period is counted from now, not from that', () => {
    const period = lastMonths(1, new Date('2026-03-31T10:00:00Z'), 'UTC');
    expect(iso(period.current.start)).toBe('2026-02-28T10:00:00.000Z');
    expect(iso(period.previous.start)).toBe('2026-01-31T10:00:00.000Z');
    expect(iso(period.previous.end)).toBe('2026-02-28T10:00:00.000Z');
  });

  it('the months are those of the workspace zone, not of UTC', () => {
    // 1 March 00:30 in Tokyo is still 28 February in UTC.
    const period = lastMonths(1, new Date('2026-02-28T15:30:00Z'), 'Asia/Tokyo');
    expect(iso(period.current.start)).toBe('2026-01-31T15:30:00.000Z'); // 1 February 00:30 Tokyo
  });
});

describe('lastDays', () => {
  it('30 days of 24 h back from now, and the 30 before', () => {
    const period = lastDays(30, new Date('2026-11-23T09:00:00Z'));
    expect(period.title).toBe('last 30 days');
    expect(iso(period.current.start)).toBe('2026-10-24T09:00:00.000Z');
    expect(iso(period.previous.start)).toBe('2026-09-24T09:00:00.000Z');
  });
});
