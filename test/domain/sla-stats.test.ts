import { describe, expect, it } from 'vitest';
import type { SlaHours } from '../../src/domain/business-hours.js';
import type { IssueTimes, SlaTargets } from '../../src/domain/sla-measure.js';
import { nearestRank, slaStats, type SlaInput } from '../../src/domain/sla-stats.js';
import { compareWithPrevious } from '../../src/domain/sla-trend.js';

const HOUR = 3_600_000;
const t = (iso: string) => new Date(iso);
const TWENTY_FOUR_SEVEN: SlaHours = { kind: '24x7' };

function issue(id: string, priority: IssueTimes['priority'], opened: string, responded: string | null, resolved: string | null, category: string | null = null): IssueTimes {
  return { id, priority, category, opened: t(opened), responded: responded ? t(responded) : null, resolved: resolved ? t(resolved) : null };
}

// p3 has no response target; p4 has no targets at all.
const TARGETS: SlaTargets = {
  p1: { responseMs: 1 * HOUR, resolutionMs: 4 * HOUR },
  p2: { responseMs: 4 * HOUR, resolutionMs: 24 * HOUR },
  p3: { responseMs: null, resolutionMs: 120 * HOUR },
};

// June 2026, looked at on 20 June at 12:00 UTC. Expected values are worked out in the comments.
const JUNE: SlaInput = {
  targets: TARGETS,
  hours: TWENTY_FOUR_SEVEN,
  period: { start: t('2026-06-01T00:00:00Z'), end: t('2026-07-01T00:00:00Z') },
  now: t('2026-06-20T12:00:00Z'),
  outages: [],
  issues: [
    issue('I-1', 'p1', '2026-06-02T10:00:00Z', '2026-06-02T10:30:00Z', '2026-06-02T13:00:00Z', 'vpn'), // 0.5 h met, 3 h met
    issue('I-2', 'p1', '2026-06-03T10:00:00Z', '2026-06-03T12:00:00Z', '2026-06-03T16:00:00Z', 'VPN'), // 2 h ×2, 6 h ×1.5
    issue('I-3', 'p1', '2026-06-20T11:30:00Z', null, null), // 0.5 h of 1 h: pending, not at risk
    issue('I-4', 'p1', '2026-06-20T11:10:00Z', null, null, 'email'), // 50 min of 1 h: at risk, due 12:10
    issue('I-5', 'p2', '2026-06-20T08:30:00Z', null, null, 'email'), // 3.5 h of 4 h: at risk, due 12:30
    issue('I-6', 'p2', '2026-06-10T09:00:00Z', null, null, ' vpn '), // 243 h open: ×60.75 and ×10.125
    issue('I-7', 'p2', '2026-06-05T00:00:00Z', null, '2026-06-05T02:00:00Z'), // resolved without a response: 2 h both, met
    issue('I-8', 'p3', '2026-06-06T00:00:00Z', '2026-06-06T01:00:00Z', '2026-06-12T00:00:00Z'), // 1 h untargeted, 144 h of 120 ×1.2
    issue('I-9', 'p4', '2026-06-07T00:00:00Z', '2026-06-07T03:00:00Z', '2026-06-08T06:00:00Z'), // 3 h, 30 h, untargeted
    issue('I-0', 'p1', '2026-05-31T23:00:00Z', null, null, 'vpn'), // May: not in June's numbers, long breached
  ],
};

describe('slaStats over a month (24x7)', () => {
  const stats = slaStats(JUNE);

  it('counts the issues opened in the period', () => {
    expect(stats.issueCount).toBe(9);
  });

  it('response compliance: met I-1, I-7; breached I-2, I-6 (still open); pending I-3, I-4, I-5', () => {
    expect(stats.response.compliance).toEqual({ met: 2, breached: 2, pending: 3, rate: 0.5 });
    expect(stats.response.byPriority.p1.compliance).toEqual({ met: 1, breached: 1, pending: 2, rate: 0.5 });
    expect(stats.response.byPriority.p2.compliance).toEqual({ met: 1, breached: 1, pending: 1, rate: 0.5 });
    expect(stats.response.byPriority.p3.compliance).toEqual({ met: 0, breached: 0, pending: 0, rate: null });
    expect(stats.response.byPriority.p4.compliance.rate).toBeNull();
  });

  it('resolution compliance: met I-1, I-7; breached I-2, I-6, I-8', () => {
    expect(stats.resolution.compliance).toEqual({ met: 2, breached: 3, pending: 3, rate: 0.4 });
    expect(stats.resolution.byPriority.p3.compliance).toEqual({ met: 0, breached: 1, pending: 0, rate: 0 });
  });

  it('median and 90th percentile (nearest rank) over the issues that have the time, targets or not', () => {
    // response: 0.5, 1, 2, 2, 3 h → ranks 3 and 5
    expect(stats.response.times).toEqual({ count: 5, medianMs: 2 * HOUR, p90Ms: 3 * HOUR });
    // resolution: 2, 3, 6, 30, 144 h
    expect(stats.resolution.times).toEqual({ count: 5, medianMs: 6 * HOUR, p90Ms: 144 * HOUR });
    // p1 response: 0.5, 2 h → ranks 1 and 2
    expect(stats.response.byPriority.p1.times).toEqual({ count: 2, medianMs: 0.5 * HOUR, p90Ms: 2 * HOUR });
    expect(stats.response.byPriority.p3.times).toEqual({ count: 1, medianMs: 1 * HOUR, p90Ms: 1 * HOUR });
  });

  it('lists the breaches furthest over their target first', () => {
    expect(stats.breachCount).toBe(5);
    expect(stats.breaches.map((b) => [b.issueId, b.measure, b.ratio, b.open])).toEqual([
      ['I-6', 'response', 60.75, true],
      ['I-6', 'resolution', 10.125, true],
      ['I-2', 'response', 2, false],
      ['I-2', 'resolution', 1.5, false],
      ['I-8', 'resolution', 1.2, false],
    ]);
    expect(stats.breaches[0]).toMatchObject({ priority: 'p2', elapsedMs: 243 * HOUR, targetMs: 4 * HOUR });
    expect(slaStats({ ...JUNE, worstBreaches: 2 }).breaches.map((b) => b.ratio)).toEqual([60.75, 10.125]);
  });

  it('open issues at risk: at least 75 % of the target used and not past it, soonest due first', () => {
    expect(stats.atRisk).toEqual([
      { issueId: 'I-4', priority: 'p1', measure: 'response', elapsedMs: 50 * 60_000, targetMs: 1 * HOUR, fraction: 50 / 60, dueAt: t('2026-06-20T12:10:00Z') },
      { issueId: 'I-5', priority: 'p2', measure: 'response', elapsedMs: 3.5 * HOUR, targetMs: 4 * HOUR, fraction: 0.875, dueAt: t('2026-06-20T12:30:00Z') },
    ]);
  });

  it('recurring categories: three or more in the period, ignoring case and spaces (I-0 is May)', () => {
    expect(stats.recurringCategories).toEqual([{ category: 'vpn', count: 3 }]);
  });

  it('no outages: full uptime; no uptime target: uptimeMet is null', () => {
    expect(stats.uptime).toBe(1);
    expect(stats.uptimeMet).toBeNull();
  });
});

describe('slaStats rules at the edges', () => {
  const base: SlaInput = { ...JUNE, issues: [] };

  it('the period is [start, end): an issue opened at the start counts, one opened at the end does not', () => {
    const stats = slaStats({
      ...base,
      now: t('2026-07-02T00:00:00Z'),
      issues: [issue('A', 'p4', '2026-06-01T00:00:00Z', null, null), issue('B', 'p4', '2026-07-01T00:00:00Z', null, null)],
    });
    expect(stats.issueCount).toBe(1);
  });

  it('a response or resolution after `now` has not happened yet (as of `now`)', () => {
    const stats = slaStats({ ...base, issues: [issue('A', 'p1', '2026-06-20T11:15:00Z', '2026-06-20T13:00:00Z', null)] });
    expect(stats.response.compliance).toEqual({ met: 0, breached: 0, pending: 1, rate: null });
    expect(stats.response.times.count).toBe(0);
    expect(stats.atRisk.map((r) => r.issueId)).toEqual(['A']);
  });

  it('a zero target is met only by an immediate response; any delay is the worst breach', () => {
    const targets: SlaTargets = { p1: { responseMs: 0, resolutionMs: null }, p2: { responseMs: 1 * HOUR, resolutionMs: null } };
    const stats = slaStats({
      ...base,
      targets,
      issues: [
        issue('A', 'p1', '2026-06-02T10:00:00Z', '2026-06-02T10:00:00Z', null),
        issue('B', 'p1', '2026-06-02T10:00:00Z', '2026-06-02T10:01:00Z', null),
        issue('C', 'p2', '2026-06-02T10:00:00Z', '2026-06-02T15:00:00Z', null),
      ],
    });
    expect(stats.response.compliance).toEqual({ met: 1, breached: 2, pending: 0, rate: 1 / 3 });
    expect(stats.breaches.map((b) => [b.issueId, b.ratio])).toEqual([['B', Infinity], ['C', 5]]);
  });

  it('at risk also covers open issues opened before the period; resolved ones never are', () => {
    const stats = slaStats({
      ...base,
      now: t('2026-06-01T02:00:00Z'),
      issues: [
        issue('late-May', 'p2', '2026-05-31T23:00:00Z', null, null), // 3 h of 4 h
        issue('done', 'p2', '2026-05-31T22:30:00Z', '2026-06-01T01:00:00Z', null), // responded: not at risk
      ],
    });
    expect(stats.issueCount).toBe(0);
    expect(stats.atRisk.map((r) => [r.issueId, r.measure, r.fraction])).toEqual([['late-May', 'response', 0.75]]);
  });

  it('counts in business hours: Friday 16:30 to Monday 09:30 in Berlin is 1 h (met), 09:31 is over', () => {
    const hours: SlaHours = { kind: 'business', timezone: 'Europe/Berlin', holidays: [] };
    const stats = slaStats({
      ...base,
      hours,
      targets: { p1: { responseMs: 1 * HOUR, resolutionMs: null } },
      issues: [
        issue('A', 'p1', '2026-06-05T16:30:00+02:00', '2026-06-08T09:30:00+02:00', null),
        issue('B', 'p1', '2026-06-05T16:30:00+02:00', '2026-06-08T09:31:00+02:00', null),
      ],
    });
    expect(stats.response.compliance).toMatchObject({ met: 1, breached: 1 });
    expect(stats.breaches[0]).toMatchObject({ issueId: 'B', elapsedMs: 61 * 60_000, ratio: 61 / 60 });
  });

  it('at risk in business hours gives the working-time deadline', () => {
    const hours: SlaHours = { kind: 'business', timezone: 'Europe/Berlin', holidays: [] };
    // p2 response 4 h: opened Fri 14:00, by Mon 08:00 3 h are used; due Mon 10:00.
    const stats = slaStats({ ...base, hours, now: t('2026-06-08T08:00:00+02:00'), issues: [issue('A', 'p2', '2026-06-05T14:00:00+02:00', null, null)] });
    expect(stats.atRisk).toEqual([
      { issueId: 'A', priority: 'p2', measure: 'response', elapsedMs: 3 * HOUR, targetMs: 4 * HOUR, fraction: 0.75, dueAt: t('2026-06-08T10:00:00+02:00') },
    ]);
  });

  it('an open issue whose target has just run out is breached, at the instant the scheduler posts the breach (24x7)', () => {
    // p1 response 1 h, opened 11:00, looked at 12:00: the whole hour used.
    const atDue = slaStats({ ...base, issues: [issue('A', 'p1', '2026-06-20T11:00:00Z', null, null)] });
    expect(atDue.response.compliance).toEqual({ met: 0, breached: 1, pending: 0, rate: 0 });
    expect(atDue.breaches).toEqual([{ issueId: 'A', priority: 'p1', measure: 'response', elapsedMs: 1 * HOUR, targetMs: 1 * HOUR, ratio: 1, open: true }]);
    expect(atDue.atRisk).toEqual([]);
    // 1 ms before, still running and at risk.
    const before = slaStats({ ...base, now: t('2026-06-20T11:59:59.999Z'), issues: [issue('A', 'p1', '2026-06-20T11:00:00Z', null, null)] });
    expect(before.response.compliance).toEqual({ met: 0, breached: 0, pending: 1, rate: null });
    expect(before.atRisk.map((r) => r.issueId)).toEqual(['A']);
  });

  it('a response after exactly the target still meets it', () => {
    const stats = slaStats({ ...base, issues: [issue('A', 'p1', '2026-06-20T11:00:00Z', '2026-06-20T12:00:00Z', null)] });
    expect(stats.response.compliance).toEqual({ met: 1, breached: 0, pending: 0, rate: 1 });
  });

  describe('business hours: a target that runs out at closing time (I-3 of the audit)', () => {
    const hours: SlaHours = { kind: 'business', timezone: 'Europe/Berlin', holidays: [] };
    // p2 resolution 2 working days (16 h): opened Mon 30 Nov 09:00 Berlin, due Tue 1 Dec 17:00.
    const targets: SlaTargets = { p2: { responseMs: null, resolutionMs: 16 * HOUR } };
    const opened = '2026-11-30T09:00:00+01:00';
    const at = (now: string, resolved: string | null = null) =>
      slaStats({ ...base, hours, targets, period: { start: t('2026-11-01T00:00:00+01:00'), end: t('2026-12-31T00:00:00+01:00') }, now: t(now), issues: [issue('I-3', 'p2', opened, null, resolved)] });

    it('still open at 17:15 it is breached, no longer running nor at risk', () => {
      const stats = at('2026-12-01T17:15:00+01:00');
      expect(stats.resolution.byPriority.p2.compliance).toEqual({ met: 0, breached: 1, pending: 0, rate: 0 });
      expect(stats.breaches).toEqual([{ issueId: 'I-3', priority: 'p2', measure: 'resolution', elapsedMs: 16 * HOUR, targetMs: 16 * HOUR, ratio: 1, open: true }]);
      expect(stats.atRisk).toEqual([]);
    });

    it('breached from 17:00 itself, over the night and the weekend, while the counted time stays at the target', () => {
      for (const now of ['2026-12-01T17:00:00+01:00', '2026-12-02T08:59:59+01:00']) {
        expect(at(now).resolution.compliance, now).toMatchObject({ breached: 1, pending: 0 });
      }
      expect(at('2026-12-01T16:59:00+01:00').resolution.compliance).toMatchObject({ breached: 0, pending: 1 });
      expect(at('2026-12-01T16:59:00+01:00').atRisk.map((r) => [r.issueId, r.dueAt.toISOString()])).toEqual([['I-3', '2026-12-01T16:00:00.000Z']]);
    });

    it('resolved at 17:00, or at the next opening (still 16 working hours), it met the target; 09:01 is over', () => {
      expect(at('2026-12-02T12:00:00+01:00', '2026-12-01T17:00:00+01:00').resolution.compliance).toEqual({ met: 1, breached: 0, pending: 0, rate: 1 });
      expect(at('2026-12-02T12:00:00+01:00', '2026-12-02T09:00:00+01:00').resolution.compliance).toEqual({ met: 1, breached: 0, pending: 0, rate: 1 });
      expect(at('2026-12-02T12:00:00+01:00', '2026-12-02T09:01:00+01:00').resolution.compliance).toEqual({ met: 0, breached: 1, pending: 0, rate: 0 });
    });
  });

  it('a zero target in business hours is not breached before the clock starts (opened at night)', () => {
    const hours: SlaHours = { kind: 'business', timezone: 'Europe/Berlin', holidays: [] };
    const targets: SlaTargets = { p1: { responseMs: 0, resolutionMs: null } };
    const night = slaStats({ ...base, hours, targets, now: t('2026-06-09T07:00:00+02:00'), issues: [issue('A', 'p1', '2026-06-08T22:00:00+02:00', null, null)] });
    expect(night.response.compliance).toMatchObject({ breached: 0, pending: 1 });
    const opening = slaStats({ ...base, hours, targets, now: t('2026-06-09T09:00:00+02:00'), issues: [issue('A', 'p1', '2026-06-08T22:00:00+02:00', null, null)] });
    expect(opening.response.compliance).toMatchObject({ breached: 1, pending: 0 });
  });

  it('recurring categories: most frequent first, then by name; blank ones ignored', () => {
    const cats = ['disk', 'Backup', 'disk', 'backup', 'disk', 'BACKUP', '  ', 'mail', 'mail', 'disk'];
    const issues = cats.map((category, i) => issue(`I-${i}`, 'p4', `2026-06-${String(i + 2).padStart(2, '0')}T00:00:00Z`, null, null, category));
    expect(slaStats({ ...base, issues }).recurringCategories).toEqual([
      { category: 'disk', count: 4 },
      { category: 'Backup', count: 3 },
    ]);
  });

  it('uptime against its target', () => {
    // Measured up to now (19.5 days = 468 h); 5 h down.
    const outages = [{ start: t('2026-06-10T00:00:00Z'), end: t('2026-06-10T05:00:00Z'), maintenance: false }];
    expect(slaStats({ ...base, outages, uptimeTargetPercent: 99 }).uptimeMet).toBe(false); // 98.93 %
    expect(slaStats({ ...base, outages, uptimeTargetPercent: 98.9 }).uptimeMet).toBe(true);
    expect(slaStats({ ...base, outages }).uptime).toBe(1 - 5 / 468);
  });
});

describe('nearestRank', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4], 0.9, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
    [[1, 2, 3], 0, 1],
    [[1, 2, 3], 1, 3],
  ])('%j at %d is %s', (values, p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });
});

describe('compareWithPrevious', () => {
  it('gives the change in compliance and uptime, null where either period has no value', () => {
    const june = slaStats({ ...JUNE, outages: [{ start: t('2026-06-10T00:00:00Z'), end: t('2026-06-10T05:00:00Z'), maintenance: false }] });
    const may = slaStats({
      ...JUNE,
      period: { start: t('2026-05-01T00:00:00Z'), end: t('2026-06-01T00:00:00Z') },
      issues: [issue('M-1', 'p1', '2026-05-04T10:00:00Z', '2026-05-04T10:10:00Z', '2026-05-04T11:00:00Z')],
    });
    const change = compareWithPrevious(june, may);
    expect(change.responseCompliance).toBeCloseTo(0.5 - 1, 12);
    expect(change.resolutionCompliance).toBeCloseTo(0.4 - 1, 12);
    expect(change.uptime).toBeCloseTo(-5 / 468, 12);
    expect(change.byPriority.p1).toEqual({ responseCompliance: -0.5, resolutionCompliance: -0.5 });
    expect(change.byPriority.p2).toEqual({ responseCompliance: null, resolutionCompliance: null });
  });

  it('no uptime in either period gives no uptime change', () => {
    const future = slaStats({ ...JUNE, period: { start: t('2026-08-01T00:00:00Z'), end: t('2026-09-01T00:00:00Z') } });
    expect(future.uptime).toBeNull();
    expect(compareWithPrevious(future, slaStats(JUNE)).uptime).toBeNull();
  });
});
