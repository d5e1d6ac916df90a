import { describe, expect, it } from 'vitest';
import { countedMs, countedMsUntil, deadlineAfter, type SlaHours } from '../../src/domain/business-hours.js';
import { measureIssue } from '../../src/domain/sla-measure.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { oracleCountedMs, oracleDeadline } from './business-hours-oracle.js';

// Random cases checked against an independent quarter-hour grid model (business-hours-oracle.ts)
// and against the algebra any SLA clock must obey. Seeds are fixed; a failure carries its case.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const QUARTER_HOUR = 15 * 60_000;

// Whole-hour, half-hour and 45-minute offsets; clock changes on Sundays, Fridays, Thursday nights,
// Saturday midnights, by half an hour, and a skipped day. Half the cases start near a change.
const ZONES: Record<string, string[]> = {
  UTC: [],
  'Europe/Berlin': ['2026-03-29', '2026-10-25'],
  'America/New_York': ['2026-03-08', '2026-11-01'],
  'Asia/Jerusalem': ['2026-03-27', '2026-10-25'],
  'Africa/Cairo': ['2026-04-24', '2026-10-30'],
  'America/Santiago': ['2026-04-05', '2026-09-06'],
  'Asia/Kathmandu': [],
  'Australia/Lord_Howe': ['2026-04-05', '2026-10-04'],
  'Pacific/Chatham': ['2026-04-05', '2026-09-27'],
  'Pacific/Apia': ['2011-12-30'], // the Friday it skipped; always near it
};
const ALWAYS_NEAR_A_CHANGE = new Set(['Pacific/Apia']);

const YEAR_START = Date.UTC(2025, 11, 1);
const YEAR_MS = 400 * DAY;

interface Case {
  zone: string;
  holidays: string[];
  from: number;
}

function caseMaker(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  /** Uniform, or (a third of the time) on a quarter hour, where the openings and closings are. */
  const instant = (from: number, span: number) => {
    const ms = from + Math.floor(random() * span);
    return random() < 1 / 3 ? Math.round(ms / QUARTER_HOUR) * QUARTER_HOUR : ms;
  };
  const dayLabel = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const makeCase = (): Case => {
    const zone = pick(Object.keys(ZONES));
    const changes = ZONES[zone]!;
    const from =
      changes.length > 0 && (ALWAYS_NEAR_A_CHANGE.has(zone) || random() < 0.5)
        ? instant(Date.parse(`${pick(changes)}T00:00:00Z`) - 10 * DAY, 20 * DAY)
        : instant(YEAR_START, YEAR_MS);
    const holidays = Array.from({ length: Math.floor(random() * 7) }, () => dayLabel(from + (random() * 40 - 5) * DAY));
    return { zone, holidays, from };
  };
  /** Mostly short spans, sometimes up to three weeks. */
  const span = () => Math.floor(random() ** 2 * 21 * DAY);
  const target = () => {
    const roll = random();
    if (roll < 0.1) return 0;
    if (roll < 0.25) return Math.ceil(random() * 10) * 8 * HOUR; // whole working days: ends on a closing
    return Math.floor(random() * 80 * HOUR);
  };
  return { random, makeCase, span, target };
}

const hoursOf = (c: Case): SlaHours => ({ kind: 'business', timezone: c.zone, holidays: c.holidays });
const describeCase = (c: Case, extra: Record<string, number>) => JSON.stringify({ ...c, from: new Date(c.from).toISOString(), ...extra });

describe('business hours agree with an independent quarter-hour grid model', () => {
  it('countedMs, 400 random spans', () => {
    const { makeCase, span } = caseMaker(1);
    for (let i = 0; i < 400; i++) {
      const c = makeCase();
      const to = c.from + span();
      expect(countedMs(new Date(c.from), new Date(to), hoursOf(c)), describeCase(c, { to })).toBe(oracleCountedMs(c.from, to, c.zone, c.holidays));
    }
  });

  it('deadlineAfter, 400 random targets', () => {
    const { makeCase, target } = caseMaker(2);
    for (let i = 0; i < 400; i++) {
      const c = makeCase();
      const targetMs = target();
      const expected = oracleDeadline(c.from, targetMs, c.zone, c.holidays);
      expect(deadlineAfter(new Date(c.from), targetMs, hoursOf(c)).getTime(), describeCase(c, { targetMs })).toBe(expected);
    }
  });

  it('a few spans of three to four months', () => {
    const { makeCase, random } = caseMaker(3);
    for (let i = 0; i < 4; i++) {
      const c = makeCase();
      const to = c.from + Math.floor((90 + random() * 30) * DAY);
      expect(countedMs(new Date(c.from), new Date(to), hoursOf(c)), describeCase(c, { to })).toBe(oracleCountedMs(c.from, to, c.zone, c.holidays));
    }
  });
});

describe('the algebra of an SLA clock', () => {
  it('countedMs(from, deadlineAfter(from, t)) === t, and 1 ms earlier is t − 1', () => {
    const { makeCase, target } = caseMaker(4);
    for (let i = 0; i < 2000; i++) {
      const c = makeCase();
      const targetMs = target();
      const deadline = deadlineAfter(new Date(c.from), targetMs, hoursOf(c));
      const label = describeCase(c, { targetMs });
      expect(countedMs(new Date(c.from), deadline, hoursOf(c)), label).toBe(targetMs);
      if (targetMs > 0) expect(countedMs(new Date(c.from), new Date(deadline.getTime() - 1), hoursOf(c)), label).toBe(targetMs - 1);
    }
  });

  it('additivity: countedMs(a, c) === countedMs(a, b) + countedMs(b, c)', () => {
    const { makeCase, span } = caseMaker(5);
    for (let i = 0; i < 2000; i++) {
      const c = makeCase();
      const b = c.from + span();
      const end = b + span();
      const [ab, bc, ac] = [
        countedMs(new Date(c.from), new Date(b), hoursOf(c)),
        countedMs(new Date(b), new Date(end), hoursOf(c)),
        countedMs(new Date(c.from), new Date(end), hoursOf(c)),
      ];
      expect(ab + bc, describeCase(c, { b, end })).toBe(ac);
    }
  });

  it('a year cut into many random pieces adds up to the whole year', () => {
    const { makeCase, random } = caseMaker(6);
    for (let i = 0; i < 10; i++) {
      const c = makeCase();
      const cuts = Array.from({ length: 40 }, () => c.from + Math.floor(random() * 365 * DAY)).sort((x, y) => x - y);
      const points = [c.from, ...cuts, c.from + 365 * DAY];
      let sum = 0;
      for (let k = 1; k < points.length; k++) sum += countedMs(new Date(points[k - 1]!), new Date(points[k]!), hoursOf(c));
      expect(sum, describeCase(c, {})).toBe(countedMs(new Date(c.from), new Date(c.from + 365 * DAY), hoursOf(c)));
    }
  });

  it('countedMsUntil (many starts, one end, one walk) equals countedMs of each start, starts after the end included', () => {
    const { makeCase, random } = caseMaker(9);
    for (let i = 0; i < 40; i++) {
      const c = makeCase();
      const end = c.from + Math.floor(random() * 200 * DAY);
      const starts = Array.from({ length: 30 }, () => new Date(c.from + Math.floor(random() * 1.1 * (end - c.from))));
      starts.push(starts[0]!, new Date(end)); // a repeated start, and one at the end itself
      const together = countedMsUntil(starts, new Date(end), hoursOf(c));
      for (const start of starts) expect(together.get(start.getTime()), describeCase(c, { start: start.getTime(), end })).toBe(countedMs(start, new Date(end), hoursOf(c)));
    }
    const allDay: SlaHours = { kind: '24x7' };
    expect([...countedMsUntil([new Date(0), new Date(5_000), new Date(9_000)], new Date(6_000), allDay)]).toEqual([[9_000, 0], [5_000, 1_000], [0, 6_000]]);
  });

  it('never more than the real time elapsed, never more than 8 h per calendar day touched, never negative', () => {
    const { makeCase, span } = caseMaker(7);
    for (let i = 0; i < 1000; i++) {
      const c = makeCase();
      const to = c.from + span();
      const counted = countedMs(new Date(c.from), new Date(to), hoursOf(c));
      expect(counted).toBeGreaterThanOrEqual(0);
      expect(counted).toBeLessThanOrEqual(to - c.from);
      expect(counted).toBeLessThanOrEqual((Math.ceil((to - c.from) / DAY) + 1) * 8 * HOUR);
    }
  });

  it('deadlines never go backwards as the target grows, and a deadline is never before the start', () => {
    const { makeCase, target } = caseMaker(8);
    for (let i = 0; i < 500; i++) {
      const c = makeCase();
      const [small, large] = [target(), target()].sort((x, y) => x - y) as [number, number];
      const early = deadlineAfter(new Date(c.from), small, hoursOf(c)).getTime();
      const late = deadlineAfter(new Date(c.from), large, hoursOf(c)).getTime();
      expect(early).toBeGreaterThanOrEqual(c.from);
      expect(late).toBeGreaterThanOrEqual(early);
    }
  });

  it('long targets round-trip too (up to a year of working time)', () => {
    const { makeCase, random } = caseMaker(9);
    for (let i = 0; i < 50; i++) {
      const c = makeCase();
      const targetMs = Math.floor(random() * 2088 * HOUR);
      const deadline = deadlineAfter(new Date(c.from), targetMs, hoursOf(c));
      expect(countedMs(new Date(c.from), deadline, hoursOf(c)), describeCase(c, { targetMs })).toBe(targetMs);
    }
  });
});

describe('SLA outcomes agree with the grid model and with the scheduler', () => {
  it('an open issue is breached exactly from its deadline (when the 100 % breach is posted); a finished one meets a time at most the target', () => {
    const { makeCase, target, span, random } = caseMaker(10);
    for (let i = 0; i < 300; i++) {
      const c = makeCase();
      const targetMs = target();
      const deadline = oracleDeadline(c.from, targetMs, c.zone, c.holidays);
      // Looked at around the deadline: just before, at it, just after, or anywhere up to three weeks on.
      const roll = random();
      const now = roll < 0.2 ? deadline - 1 : roll < 0.4 ? deadline : roll < 0.5 ? deadline + 1 : c.from + span();
      const open = { id: 'I', priority: 'p1' as const, category: null, opened: new Date(c.from), responded: null, resolved: null };
      const targets = { p1: { responseMs: targetMs, resolutionMs: targetMs } };
      const label = describeCase(c, { targetMs, now });
      const running = measureIssue(open, 'resolution', targets, hoursOf(c), new Date(now));
      expect(running.outcome, label).toBe(now >= deadline ? 'breached' : 'pending');
      if (now < c.from) continue;
      const done = measureIssue({ ...open, resolved: new Date(now) }, 'resolution', targets, hoursOf(c), new Date(now));
      expect(done.outcome, label).toBe(oracleCountedMs(c.from, now, c.zone, c.holidays) <= targetMs ? 'met' : 'breached');
    }
  });
});

describe('long spans are cheap', () => {
  it('ten years in Berlin with holidays, and a year-long business target, well under a second', () => {
    const hours: SlaHours = { kind: 'business', timezone: 'Europe/Berlin', holidays: ['2026-12-25', '2030-05-01', '2033-10-03'] };
    const started = performance.now();
    const tenYears = countedMs(new Date('2026-01-01T00:00:00+01:00'), new Date('2036-01-01T00:00:00+01:00'), hours);
    const deadline = deadlineAfter(new Date('2026-01-01T00:00:00+01:00'), 366 * DAY, hours);
    const elapsed = performance.now() - started;
    // 2026–2035 has 3652 days: 521 whole weeks and 5 days, Thu 2035-12-27 to Mon 2035-12-31 (3 weekdays);
    // 521 × 5 + 3 = 2608 weekdays, minus the three holidays (all weekdays).
    expect(tenYears).toBe((2608 - 3) * 8 * HOUR);
    expect(countedMs(new Date('2026-01-01T00:00:00+01:00'), deadline, hours)).toBe(366 * DAY);
    expect(elapsed).toBeLessThan(1000);
  });
});
