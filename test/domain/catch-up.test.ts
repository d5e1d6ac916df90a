import { describe, expect, it } from 'vitest';
import { isLate, isRenewalStale, pickLatestPerKind, type DueReminder } from '../../src/domain/catch-up.js';

const r = (id: string, contractId: string, kind: string, dueAt: string): DueReminder => ({ id, subject: `contract:${contractId}`, kind, dueAt: new Date(dueAt) });
const ids = (list: readonly DueReminder[]) => list.map((x) => x.id).sort();

describe('pickLatestPerKind', () => {
  it('posts the only reminder when nothing else is due', () => {
    const one = r('a', 'c1', 'renewal', '2026-11-24T08:00:00Z');
    expect(pickLatestPerKind([one])).toEqual({ post: [one], skip: [] });
  });

  it('posts nothing for nothing', () => {
    expect(pickLatestPerKind([])).toEqual({ post: [], skip: [] });
  });

  it('keeps only the latest renewal step of a contract after downtime', () => {
    const d30 = r('d30', 'c1', 'renewal', '2026-10-30T08:00:00Z');
    const d14 = r('d14', 'c1', 'renewal', '2026-11-17T08:00:00Z');
    const d7 = r('d7', 'c1', 'renewal', '2026-11-24T08:00:00Z');
    // Input order should not matter.
    for (const due of [[d30, d14, d7], [d7, d30, d14], [d14, d7, d30]]) {
      const { post, skip } = pickLatestPerKind(due);
      expect(post).toEqual([d7]);
      expect(ids(skip)).toEqual(['d14', 'd30']);
    }
  });

  it('keeps one per kind: a renewal and a deadline of the same contract are both posted', () => {
    const due = [
      r('ren-1', 'c1', 'renewal', '2026-11-24T08:00:00Z'),
      r('ren-2', 'c1', 'renewal', '2026-11-30T08:00:00Z'),
      r('dl', 'c1', 'deadline', '2026-12-02T08:00:00Z'),
      r('end', 'c1', 'end', '2027-01-01T08:00:00Z'),
    ];
    const { post, skip } = pickLatestPerKind(due);
    expect(ids(post)).toEqual(['dl', 'end', 'ren-2']);
    expect(ids(skip)).toEqual(['ren-1']);
  });

  it('keeps the latest of each kind for each contract separately', () => {
    const due = [
      r('c1-d30', 'c1', 'renewal', '2026-10-30T08:00:00Z'),
      r('c2-d60', 'c2', 'renewal', '2026-10-02T07:00:00Z'),
      r('c1-d14', 'c1', 'renewal', '2026-11-17T08:00:00Z'),
      r('c3-d7', 'c3', 'renewal', '2026-11-24T08:00:00Z'),
      r('c2-d30', 'c2', 'renewal', '2026-11-02T08:00:00Z'),
      r('c2-passed', 'c2', 'deadline', '2026-11-04T08:00:00Z'),
      r('c2-d14', 'c2', 'renewal', '2026-10-19T07:00:00Z'),
      r('c1-passed', 'c1', 'deadline', '2026-12-02T08:00:00Z'),
    ];
    const { post, skip } = pickLatestPerKind(due);
    expect(ids(post)).toEqual(['c1-d14', 'c1-passed', 'c2-d30', 'c2-passed', 'c3-d7']);
    expect(ids(skip)).toEqual(['c1-d30', 'c2-d14', 'c2-d60']);
    // Every reminder is either posted or skipped, never both.
    expect(post.length + skip.length).toBe(due.length);
    expect(post.filter((p) => skip.includes(p))).toEqual([]);
  });

  it('keeps the skipped ones in their input order', () => {
    const due = [
      r('b', 'c1', 'renewal', '2026-11-17T08:00:00Z'),
      r('a', 'c1', 'renewal', '2026-10-30T08:00:00Z'),
      r('c', 'c1', 'renewal', '2026-11-24T08:00:00Z'),
    ];
    expect(pickLatestPerKind(due).skip.map((x) => x.id)).toEqual(['b', 'a']);
  });

  it('on a tie keeps the first one and skips the other', () => {
    const first = r('first', 'c1', 'renewal', '2026-11-24T08:00:00Z');
    const second = r('second', 'c1', 'renewal', '2026-11-24T08:00:00Z');
    expect(pickLatestPerKind([first, second])).toEqual({ post: [first], skip: [second] });
  });

  it('keeps extra fields of the reminders it returns', () => {
    const due = [{ ...r('x', 'c1', 'renewal', '2026-11-24T08:00:00Z'), cycle: 3 }];
    expect(pickLatestPerKind(due).post[0]?.cycle).toBe(3);
  });
});

describe('isLate', () => {
  const dueAt = new Date('2026-11-20T08:00:00Z'); // 09:00 in Berlin, 03:00 in New York, on Fri 2026-11-20

  it('is not late on the due day itself, however late in that day', () => {
    expect(isLate(dueAt, new Date('2026-11-20T08:00:00Z'), 'Europe/Berlin')).toBe(false);
    expect(isLate(dueAt, new Date('2026-11-20T22:59:59Z'), 'Europe/Berlin')).toBe(false); // 23:59:59 local
  });

  it('is late from the next local day on', () => {
    expect(isLate(dueAt, new Date('2026-11-20T23:00:00Z'), 'Europe/Berlin')).toBe(true); // 00:00 on the 21st
    expect(isLate(dueAt, new Date('2026-11-23T08:00:00Z'), 'Europe/Berlin')).toBe(true);
  });

  it('is not late before the due instant', () => {
    expect(isLate(dueAt, new Date('2026-11-19T08:00:00Z'), 'Europe/Berlin')).toBe(false);
  });

  it('counts days in the workspace zone, not in UTC', () => {
    const nyDue = new Date('2026-11-20T14:00:00Z'); // 09:00 EST on the 20th
    const now = new Date('2026-11-21T03:00:00Z'); // 22:00 EST on the 20th, already the 21st in UTC
    expect(isLate(nyDue, now, 'America/New_York')).toBe(false);
    expect(isLate(nyDue, now, 'UTC')).toBe(true);
    expect(isLate(nyDue, new Date('2026-11-21T05:00:00Z'), 'America/New_York')).toBe(true); // 00:00 EST on the 21st
  });

  it('the same instants can be late in a zone ahead of UTC and not in UTC', () => {
    const due = new Date('2026-06-30T09:00:00Z'); // 21:00 in Auckland (NZST, +12) on the 30th
    const now = new Date('2026-06-30T12:30:00Z'); // 00:30 on 07-01 in Auckland
    expect(isLate(due, now, 'Pacific/Auckland')).toBe(true);
    expect(isLate(due, now, 'UTC')).toBe(false);
  });
});

describe('isRenewalStale', () => {
  it('is fresh up to and including the deadline day', () => {
    expect(isRenewalStale('2026-12-01', '2026-11-30')).toBe(false);
    expect(isRenewalStale('2026-12-01', '2026-12-01')).toBe(false);
  });

  it('is stale once the deadline has passed', () => {
    expect(isRenewalStale('2026-12-01', '2026-12-02')).toBe(true);
    expect(isRenewalStale('2026-12-31', '2027-01-01')).toBe(true);
  });
});
