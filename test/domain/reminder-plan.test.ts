import { describe, expect, it } from 'vitest';
import type { ContractTerms } from '../../src/domain/contract-terms.js';
import { planCycle, RENEWAL_LADDERS, renewalDueDay, snoozeUntil, type PlannedReminder } from '../../src/domain/reminder-plan.js';

const berlin = { timezone: 'Europe/Berlin', reminderTime: '09:00' };
const newYork = { timezone: 'America/New_York', reminderTime: '09:00' };

function terms(overrides: Partial<ContractTerms>): ContractTerms {
  return { start: '2026-01-01', end: '2026-12-31', noticeDays: 30, renewal: 'auto', termMonths: 12, tier: 2, ...overrides };
}

/** `kind:step@dueDay` for a compact comparison of the whole plan. */
const brief = (plan: PlannedReminder[]) => plan.map((p) => `${p.kind}:${p.step}@${p.dueDay}`);

// Contract A: end Thu 2026-12-31, notice 30 → deadline Tue 2026-12-01.
//   120 → Mon 2026-08-03   90 → Wed 2026-09-02   60 → Fri 2026-10-02   30 → Sun 2026-11-01 ⇒ Fri 2026-10-30
//    14 → Tue 2026-11-17    7 → Tue 2026-11-24    1 → Mon 2026-11-30
//   deadline passed: Wed 2026-12-02; end: Fri 2027-01-01.
//   Berlin is on CEST (+2, 09:00 = 07:00Z) until 2026-10-25, then CET (+1, 09:00 = 08:00Z).
const contractA = (tier: 1 | 2 | 3) => terms({ end: '2026-12-31', noticeDays: 30, tier });

describe('RENEWAL_LADDERS', () => {
  it('are the steps of SPEC §3', () => {
    expect(RENEWAL_LADDERS[1]).toEqual([120, 90, 60, 30, 14, 7, 1]);
    expect(RENEWAL_LADDERS[2]).toEqual([90, 60, 30, 14, 7, 1]);
    expect(RENEWAL_LADDERS[3]).toEqual([60, 30, 7, 1]);
  });
});

describe('renewalDueDay', () => {
  it('counts back from the deadline and moves weekend days to the Friday before', () => {
    expect(renewalDueDay('2026-12-01', 14)).toBe('2026-11-17');
    expect(renewalDueDay('2026-12-01', 30)).toBe('2026-10-30'); // Sun 11-01 → Fri
    expect(renewalDueDay('2027-01-01', 90)).toBe('2026-10-02'); // Sat 10-03 → Fri
    expect(renewalDueDay('2026-11-02', 1)).toBe('2026-10-30'); // Sun 11-01 → Fri
  });
});

describe('planCycle: the ladder per tier', () => {
  const from = '2026-01-01';

  it('tier 1: 120, 90, 60, 30, 14, 7 and 1 days before the deadline, then deadline passed and end', () => {
    const plan = planCycle(contractA(1), berlin, { from, decided: false });
    expect(brief(plan)).toEqual([
      'renewal:d120@2026-08-03',
      'renewal:d90@2026-09-02',
      'renewal:d60@2026-10-02',
      'renewal:d30@2026-10-30',
      'renewal:d14@2026-11-17',
      'renewal:d7@2026-11-24',
      'renewal:d1@2026-11-30',
      'deadline:passed@2026-12-02',
      'end:end@2027-01-01',
    ]);
  });

  it('tier 2: 90, 60, 30, 14, 7 and 1 days', () => {
    const plan = planCycle(contractA(2), berlin, { from, decided: false });
    expect(brief(plan)).toEqual([
      'renewal:d90@2026-09-02',
      'renewal:d60@2026-10-02',
      'renewal:d30@2026-10-30',
      'renewal:d14@2026-11-17',
      'renewal:d7@2026-11-24',
      'renewal:d1@2026-11-30',
      'deadline:passed@2026-12-02',
      'end:end@2027-01-01',
    ]);
  });

  it('tier 3: 60, 30, 7 and 1 days', () => {
    const plan = planCycle(contractA(3), berlin, { from, decided: false });
    expect(brief(plan)).toEqual([
      'renewal:d60@2026-10-02',
      'renewal:d30@2026-10-30',
      'renewal:d7@2026-11-24',
      'renewal:d1@2026-11-30',
      'deadline:passed@2026-12-02',
      'end:end@2027-01-01',
    ]);
  });

  it('the renewal ladder does not depend on manual/auto renewal', () => {
    const auto = planCycle(terms({ ...contractA(2), renewal: 'auto' }), berlin, { from, decided: false });
    const manual = planCycle(terms({ ...contractA(2), renewal: 'manual' }), berlin, { from, decided: false });
    expect(brief(manual)).toEqual(brief(auto));
  });

  it('posts at the reminder time in the workspace zone, across the autumn DST change', () => {
    const plan = planCycle(contractA(1), berlin, { from, decided: false });
    expect(plan.map((p) => [p.step, p.dueAt.toISOString()])).toEqual([
      ['d120', '2026-08-03T07:00:00.000Z'],
      ['d90', '2026-09-02T07:00:00.000Z'],
      ['d60', '2026-10-02T07:00:00.000Z'],
      ['d30', '2026-10-30T08:00:00.000Z'],
      ['d14', '2026-11-17T08:00:00.000Z'],
      ['d7', '2026-11-24T08:00:00.000Z'],
      ['d1', '2026-11-30T08:00:00.000Z'],
      ['passed', '2026-12-02T08:00:00.000Z'],
      ['end', '2027-01-01T08:00:00.000Z'],
    ]);
  });

  it('uses the workspace reminder time', () => {
    const plan = planCycle(contractA(3), { timezone: 'Asia/Kolkata', reminderTime: '14:30' }, { from, decided: false });
    expect(plan[0]).toEqual({ kind: 'renewal', step: 'd60', dueDay: '2026-10-02', dueAt: new Date('2026-10-02T09:00:00.000Z') });
    expect(plan.every((p) => p.dueAt.getUTCHours() === 9 && p.dueAt.getUTCMinutes() === 0)).toBe(true);
  });

  it('never plans anything on a Saturday or Sunday', () => {
    for (const tier of [1, 2, 3] as const) {
      for (const end of ['2026-10-31', '2026-11-01', '2027-01-31', '2027-02-28', '2028-02-29']) {
        for (const noticeDays of [0, 1, 2, 30, 90]) {
          const plan = planCycle(terms({ end, noticeDays, tier }), berlin, { from: '2025-01-01', decided: false });
          for (const p of plan) {
            const weekday = new Date(`${p.dueDay}T12:00:00Z`).getUTCDay();
            expect(weekday, `${p.kind}:${p.step}@${p.dueDay}`).not.toBe(0);
            expect(weekday, `${p.kind}:${p.step}@${p.dueDay}`).not.toBe(6);
          }
        }
      }
    }
  });

  it('gives each step a distinct due day, soonest first, all on or before the deadline', () => {
    for (const tier of [1, 2, 3] as const) {
      const plan = planCycle(terms({ end: '2027-01-31', noticeDays: 30, tier }), berlin, { from: '2025-01-01', decided: false });
      const renewals = plan.filter((p) => p.kind === 'renewal');
      expect(new Set(renewals.map((p) => p.dueDay)).size).toBe(renewals.length);
      expect(renewals.every((p) => p.dueDay <= '2027-01-01')).toBe(true);
      const times = plan.map((p) => p.dueAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });
});

describe('planCycle: weekends', () => {
  // Contract B: end Sat 2026-10-31, no notice → deadline = end = Sat 2026-10-31. Tier 3:
  //   60 → Tue 09-01, 30 → Thu 10-01, 7 → Sat 10-24 ⇒ Fri 10-23, 1 → Fri 10-30.
  //   end: Sun 11-01 ⇒ Mon 11-02.
  it('moves weekend renewal days to the Friday before and a weekend end event to the Monday after', () => {
    const plan = planCycle(terms({ end: '2026-10-31', noticeDays: 0, tier: 3 }), berlin, { from: '2026-01-01', decided: false });
    expect(plan.map((p) => [`${p.kind}:${p.step}@${p.dueDay}`, p.dueAt.toISOString()])).toEqual([
      ['renewal:d60@2026-09-01', '2026-09-01T07:00:00.000Z'],
      ['renewal:d30@2026-10-01', '2026-10-01T07:00:00.000Z'],
      ['renewal:d7@2026-10-23', '2026-10-23T07:00:00.000Z'],
      ['renewal:d1@2026-10-30', '2026-10-30T08:00:00.000Z'],
      ['end:end@2026-11-02', '2026-11-02T08:00:00.000Z'],
    ]);
  });

  // Contract C: end Sun 2027-01-31, notice 30 → deadline Fri 2027-01-01. Tier 2:
  //   90 → Sat 2026-10-03 ⇒ Fri 10-02, 60 → Mon 11-02, 30 → Wed 12-02, 14 → Fri 12-18, 7 → Fri 12-25,
  //   1 → Thu 12-31. Deadline passed: Sat 2027-01-02 ⇒ Mon 01-04. End: Mon 2027-02-01.
  it('moves a "deadline passed" day that falls on a weekend to the Monday after (never before the deadline)', () => {
    const plan = planCycle(terms({ end: '2027-01-31', noticeDays: 30, tier: 2 }), berlin, { from: '2026-01-01', decided: false });
    expect(brief(plan)).toEqual([
      'renewal:d90@2026-10-02',
      'renewal:d60@2026-11-02',
      'renewal:d30@2026-12-02',
      'renewal:d14@2026-12-18',
      'renewal:d7@2026-12-25',
      'renewal:d1@2026-12-31',
      'deadline:passed@2027-01-04',
      'end:end@2027-02-01',
    ]);
  });

  it('moves a deadline-passed day from a Sunday to the Monday', () => {
    // end Mon 2026-11-30, notice 2 → deadline Sat 11-28; the day after is Sun 11-29 ⇒ Mon 11-30.
    const plan = planCycle(terms({ end: '2026-11-30', noticeDays: 2, tier: 3 }), berlin, { from: '2026-01-01', decided: false });
    expect(plan.find((p) => p.kind === 'deadline')?.dueDay).toBe('2026-11-30');
    // Tier 3 from Sat 11-28: 60 → Tue 09-29, 30 → Thu 10-29, 7 → Sat 11-21 ⇒ Fri 11-20, 1 → Fri 11-27.
    expect(plan.filter((p) => p.kind === 'renewal').map((p) => p.dueDay)).toEqual(['2026-09-29', '2026-10-29', '2026-11-20', '2026-11-27']);
  });
});

describe('planCycle: DST in New York', () => {
  // Contract D: end Wed 2026-04-08, notice 30 → deadline Mon 2026-03-09 (New York switches to EDT on Sun 03-08). Tier 3:
  //   60 → Thu 01-08, 30 → Sat 02-07 ⇒ Fri 02-06, 7 → Mon 03-02, 1 → Sun 03-08 ⇒ Fri 03-06.
  //   deadline passed: Tue 03-10 (EDT); end: Thu 04-09 (EDT).
  it('09:00 is 14:00Z before the change and 13:00Z after it', () => {
    const plan = planCycle(terms({ end: '2026-04-08', noticeDays: 30, tier: 3 }), newYork, { from: '2026-01-01', decided: false });
    expect(plan.map((p) => [`${p.kind}:${p.step}@${p.dueDay}`, p.dueAt.toISOString()])).toEqual([
      ['renewal:d60@2026-01-08', '2026-01-08T14:00:00.000Z'],
      ['renewal:d30@2026-02-06', '2026-02-06T14:00:00.000Z'],
      ['renewal:d7@2026-03-02', '2026-03-02T14:00:00.000Z'],
      ['renewal:d1@2026-03-06', '2026-03-06T14:00:00.000Z'],
      ['deadline:passed@2026-03-10', '2026-03-10T13:00:00.000Z'],
      ['end:end@2026-04-09', '2026-04-09T13:00:00.000Z'],
    ]);
  });
});

describe('planCycle: from', () => {
  const c = terms({ end: '2027-01-31', noticeDays: 30, tier: 2 }); // contract C above

  it('does not plan steps due before `from`; a step due on `from` is planned', () => {
    expect(brief(planCycle(c, berlin, { from: '2026-12-02', decided: false }))).toEqual([
      'renewal:d30@2026-12-02',
      'renewal:d14@2026-12-18',
      'renewal:d7@2026-12-25',
      'renewal:d1@2026-12-31',
      'deadline:passed@2027-01-04',
      'end:end@2027-02-01',
    ]);
    expect(brief(planCycle(c, berlin, { from: '2026-12-03', decided: false }))).toEqual([
      'renewal:d14@2026-12-18',
      'renewal:d7@2026-12-25',
      'renewal:d1@2026-12-31',
      'deadline:passed@2027-01-04',
      'end:end@2027-02-01',
    ]);
  });

  it('compares `from` with the shifted due day, not the raw one', () => {
    // d90 is Sat 2026-10-03, moved to Fri 10-02: with from = 10-03 it was due before `from`.
    const plan = planCycle(c, berlin, { from: '2026-10-03', decided: false });
    expect(plan.map((p) => p.step)).not.toContain('d90');
    expect(plan[0]?.step).toBe('d60');
  });

  it('added after the deadline: no renewal reminders, only "deadline passed" and end', () => {
    expect(brief(planCycle(c, berlin, { from: '2027-01-02', decided: false }))).toEqual(['deadline:passed@2027-01-04', 'end:end@2027-02-01']);
  });

  it('after the deadline-passed day only the end event is left', () => {
    expect(brief(planCycle(c, berlin, { from: '2027-01-05', decided: false }))).toEqual(['end:end@2027-02-01']);
  });

  it('always plans the end event (it drives expiry and roll-over), even when `from` is past it', () => {
    expect(brief(planCycle(c, berlin, { from: '2027-03-01', decided: false }))).toEqual(['end:end@2027-02-01']);
  });
});

describe('planCycle: decided', () => {
  it('drops every renewal reminder and the deadline-passed one, keeping the end event', () => {
    expect(brief(planCycle(contractA(1), berlin, { from: '2026-01-01', decided: true }))).toEqual(['end:end@2027-01-01']);
    expect(brief(planCycle(terms({ end: '2026-10-31', noticeDays: 0, tier: 3 }), berlin, { from: '2026-01-01', decided: true }))).toEqual([
      'end:end@2026-11-02',
    ]);
  });

  it('ignores a snooze once decided', () => {
    expect(brief(planCycle(contractA(2), berlin, { from: '2026-01-01', decided: true, snoozedUntil: '2026-11-20' }))).toEqual([
      'end:end@2027-01-01',
    ]);
  });
});

describe('planCycle: no notice period', () => {
  it('plans no separate deadline event; the end event the day after end', () => {
    // end Thu 2026-12-31 → deadline Thu 12-31. Tier 3: 60 → Sun 11-01 ⇒ Fri 10-30, 30 → Tue 12-01,
    // 7 → Thu 12-24, 1 → Wed 12-30. End: Fri 2027-01-01.
    const plan = planCycle(terms({ end: '2026-12-31', noticeDays: 0, tier: 3 }), berlin, { from: '2026-01-01', decided: false });
    expect(brief(plan)).toEqual([
      'renewal:d60@2026-10-30',
      'renewal:d30@2026-12-01',
      'renewal:d7@2026-12-24',
      'renewal:d1@2026-12-30',
      'end:end@2027-01-01',
    ]);
    expect(plan.some((p) => p.kind === 'deadline')).toBe(false);
  });
});

describe('planCycle: snoozed', () => {
  it('drops renewal steps before the snooze day and adds one snooze step on it', () => {
    // Contract A, tier 1; snoozed until Fri 2026-11-20.
    const plan = planCycle(contractA(1), berlin, { from: '2026-01-01', decided: false, snoozedUntil: '2026-11-20' });
    expect(brief(plan)).toEqual([
      'renewal:snooze-2026-11-20@2026-11-20',
      'renewal:d7@2026-11-24',
      'renewal:d1@2026-11-30',
      'deadline:passed@2026-12-02',
      'end:end@2027-01-01',
    ]);
    expect(plan[0]?.dueAt.toISOString()).toBe('2026-11-20T08:00:00.000Z');
  });

  it('adds no snooze step when a ladder step already falls on the snooze day', () => {
    const plan = planCycle(contractA(1), berlin, { from: '2026-01-01', decided: false, snoozedUntil: '2026-11-24' });
    expect(brief(plan)).toEqual(['renewal:d7@2026-11-24', 'renewal:d1@2026-11-30', 'deadline:passed@2026-12-02', 'end:end@2027-01-01']);
  });

  it('does not plan the snooze step when it lies before `from`', () => {
    const plan = planCycle(contractA(1), berlin, { from: '2026-11-25', decided: false, snoozedUntil: '2026-11-20' });
    expect(brief(plan)).toEqual(['renewal:d1@2026-11-30', 'deadline:passed@2026-12-02', 'end:end@2027-01-01']);
  });

  it('a null snooze changes nothing', () => {
    const plain = planCycle(contractA(2), berlin, { from: '2026-01-01', decided: false });
    const withNull = planCycle(contractA(2), berlin, { from: '2026-01-01', decided: false, snoozedUntil: null });
    expect(withNull).toEqual(plain);
  });

  it('puts the snooze step in the CEST/CET zone of its own day', () => {
    const plan = planCycle(contractA(1), berlin, { from: '2026-01-01', decided: false, snoozedUntil: '2026-10-23' });
    expect(plan[0]).toEqual({ kind: 'renewal', step: 'snooze-2026-10-23', dueDay: '2026-10-23', dueAt: new Date('2026-10-23T07:00:00.000Z') });
    expect(plan[1]?.step).toBe('d30');
  });
});

describe('snoozeUntil', () => {
  // November 2026: Fri 13, Sat 14, Sun 15, Mon 16, Tue 10/17/24, Fri 20/27, Sat 21/28, Sun 22/29, Mon 30; Tue 12-01.
  const deadline = '2026-12-01';

  it('is a week after today', () => {
    expect(snoozeUntil('2026-11-10', deadline)).toBe('2026-11-17');
    expect(snoozeUntil('2026-11-16', deadline)).toBe('2026-11-23');
  });

  it('moves a weekend target to the Friday before', () => {
    expect(snoozeUntil('2026-11-14', deadline)).toBe('2026-11-20'); // Sat + 7 = Sat 21 → Fri 20
    expect(snoozeUntil('2026-11-15', deadline)).toBe('2026-11-20'); // Sun + 7 = Sun 22 → Fri 20
  });

  it('is never past the deadline', () => {
    expect(snoozeUntil('2026-11-26', deadline)).toBe('2026-12-01');
    expect(snoozeUntil('2026-11-30', deadline)).toBe('2026-12-01');
    expect(snoozeUntil('2026-11-24', deadline)).toBe('2026-12-01'); // + 7 = 12-01 exactly
  });

  it('caps at the Friday before a weekend deadline', () => {
    expect(snoozeUntil('2026-11-25', '2026-11-29')).toBe('2026-11-27');
    expect(snoozeUntil('2026-11-25', '2026-11-28')).toBe('2026-11-27');
  });

  it('is null when no weekday is left before a weekend deadline (never a weekend reminder)', () => {
    expect(snoozeUntil('2026-11-27', '2026-11-29')).toBeNull();
    expect(snoozeUntil('2026-11-27', '2026-11-28')).toBeNull();
    expect(snoozeUntil('2026-11-28', '2026-11-29')).toBeNull();
  });

  it('is null on or after the deadline', () => {
    expect(snoozeUntil('2026-12-01', deadline)).toBeNull();
    expect(snoozeUntil('2026-12-02', deadline)).toBeNull();
    expect(snoozeUntil('2027-06-01', deadline)).toBeNull();
  });

  it('is always after today and never after the deadline', () => {
    for (let offset = 1; offset <= 20; offset += 1) {
      const today = new Date(Date.UTC(2026, 10, 30 - offset)).toISOString().slice(0, 10);
      for (const dl of ['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']) {
        const until = snoozeUntil(today, dl);
        if (today >= dl || until === null) {
          // Null only on/after the deadline, or when the deadline is the weekend right after a Friday today.
          if (today < dl) expect([5, 6].includes(new Date(`${today}T00:00:00Z`).getUTCDay()), `${today} (deadline ${dl})`).toBe(true);
          continue;
        }
        expect([0, 6].includes(new Date(`${until}T00:00:00Z`).getUTCDay()), `${until} is a weekend`).toBe(false);
        expect(until! > today, `${today} → ${until} (deadline ${dl})`).toBe(true);
        expect(until! <= dl, `${today} → ${until} (deadline ${dl})`).toBe(true);
      }
    }
  });

  it('takes another length', () => {
    expect(snoozeUntil('2026-11-10', deadline, 3)).toBe('2026-11-13');
    expect(snoozeUntil('2026-11-10', deadline, 4)).toBe('2026-11-13'); // Sat 14 → Fri 13
  });
});

describe('planCycle: the pulse survey', () => {
  const from = '2026-01-01';

  it('opens `surveyDays` before the deadline, a weekend moved to the Friday before', () => {
    // Deadline Tue 2026-12-01: 60 days before is Sat 2026-10-03 → Fri 2026-10-02, beside the 60-day reminder.
    const plan = planCycle(contractA(2), { ...berlin, surveyDays: 60 }, { from, decided: false });
    expect(brief(plan)).toContain('survey:open@2026-10-02');
    expect(brief(plan).indexOf('survey:open@2026-10-02')).toBe(brief(plan).indexOf('renewal:d60@2026-10-02') + 1);
    expect(brief(planCycle(contractA(2), { ...berlin, surveyDays: 45 }, { from, decided: false }))).toContain('survey:open@2026-10-16');
  });

  it('is not planned when off, once decided, or when its day has passed', () => {
    expect(brief(planCycle(contractA(2), berlin, { from, decided: false })).some((s) => s.startsWith('survey'))).toBe(false);
    expect(brief(planCycle(contractA(2), { ...berlin, surveyDays: null }, { from, decided: false })).some((s) => s.startsWith('survey'))).toBe(false);
    expect(brief(planCycle(contractA(2), { ...berlin, surveyDays: 60 }, { from, decided: true })).some((s) => s.startsWith('survey'))).toBe(false);
    expect(brief(planCycle(contractA(2), { ...berlin, surveyDays: 60 }, { from: '2026-10-05', decided: false })).some((s) => s.startsWith('survey'))).toBe(false);
  });
});
