import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDays,
  daysBetween,
  formatDay,
  isValidDay,
  isWeekend,
  shiftToFridayBefore,
  shiftToMondayAfter,
  weekday,
} from '../../src/domain/days.js';

// Weekdays used below (checked against a calendar):
//   2026-02-27 Fri, 2026-02-28 Sat, 2026-03-01 Sun, 2026-03-02 Mon
//   2026-03-28 Sat, 2026-03-29 Sun (EU DST starts), 2026-10-25 Sun (EU DST ends)
//   2026-10-30 Fri, 2026-10-31 Sat, 2026-11-01 Sun, 2026-11-02 Mon
//   2026-12-04 Fri, 2027-01-01 Fri, 2027-01-02 Sat, 2027-01-04 Mon
//   2027-12-31 Fri, 2028-01-01 Sat, 2028-01-03 Mon, 2028-02-29 Tue

describe('isValidDay', () => {
  it.each(['2026-01-01', '2026-02-28', '2026-12-31', '2026-04-30', '2028-02-29', '2000-02-29', '1990-01-01'])('accepts the real day %s', (day) => {
    expect(isValidDay(day)).toBe(true);
  });

  it.each([
    ['2026-02-30', 'February never has 30 days'],
    ['2026-02-29', '2026 is not a leap year'],
    ['2027-02-29', '2027 is not a leap year'],
    ['2100-02-29', '2100 is divisible by 100 but not 400'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'there is no 13th month'],
    ['2026-00-10', 'there is no month 0'],
    ['2026-01-00', 'there is no day 0'],
    ['2026-01-32', 'no month has 32 days'],
  ])('rejects %s (%s)', (day) => {
    expect(isValidDay(day)).toBe(false);
  });

  it.each(['', '2026-1-5', '26-01-05', '2026/01/05', ' 2026-01-05', '2026-01-05 ', '2026-01-05T00:00', '20260105', 'tomorrow'])(
    'rejects the malformed text %j',
    (text) => {
      expect(isValidDay(text)).toBe(false);
    },
  );
});

describe('addDays', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-06-15', 0, '2026-06-15'],
    ['2026-12-31', -30, '2026-12-01'],
    ['2027-03-31', -90, '2026-12-31'],
    ['2027-01-01', 365, '2028-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
    ['2026-01-01', 1000, '2028-09-27'],
  ])('%s %+d days = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it('is not disturbed by the DST changes of any zone (days are not instants)', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
  });

  it('throws on something that is not a day', () => {
    expect(() => addDays('2026-1-1', 1)).toThrow(/not a day/);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-06-15', 12, '2027-06-15'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-03-15', -3, '2025-12-15'],
    ['2026-01-15', 0, '2026-01-15'],
  ])('moves a mid-month day: %s %+d months = %s', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-08-31', 1, '2026-09-30'],
  ])('clamps to the end of a shorter month: %s %+d months = %s', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  it.each([
    ['2027-02-28', 12, '2028-02-29'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-02-28', 1, '2026-03-31'],
    ['2026-04-30', 1, '2026-05-31'],
    ['2026-09-30', 3, '2026-12-31'],
    ['2026-02-28', -1, '2026-01-31'],
    ['2026-06-30', 12, '2027-06-30'],
  ])('keeps a last day of the month on the last day: %s %+d months = %s', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  it('does not treat the 28th of a leap February as the last day', () => {
    expect(addMonths('2028-02-28', 1)).toBe('2028-03-28');
    expect(addMonths('2028-02-28', 12)).toBe('2029-02-28');
  });

  it('moves the 29th or 30th of January to the clamped end of February without making it "last day" for good', () => {
    expect(addMonths('2026-01-29', 1)).toBe('2026-02-28');
    expect(addMonths('2026-01-30', 1)).toBe('2026-02-28');
    expect(addMonths('2026-01-30', 2)).toBe('2026-03-30');
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-01-01', '2026-12-31', 364],
    ['2028-01-01', '2029-01-01', 366],
    ['2026-12-31', '2026-01-01', -364],
    ['2026-06-15', '2026-06-15', 0],
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    ['2026-02-28', '2026-03-01', 1],
    ['2028-02-28', '2028-03-01', 2],
  ])('from %s to %s is %d days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('weekday / isWeekend', () => {
  it.each([
    ['2026-03-29', 0],
    ['2026-11-02', 1],
    ['2028-02-29', 2],
    ['2026-12-04', 5],
    ['2027-01-01', 5],
    ['2026-10-31', 6],
  ])('%s is weekday %d', (day, expected) => {
    expect(weekday(day)).toBe(expected);
  });

  it('knows Saturdays and Sundays', () => {
    expect(isWeekend('2026-10-31')).toBe(true);
    expect(isWeekend('2026-11-01')).toBe(true);
    expect(isWeekend('2026-10-30')).toBe(false);
    expect(isWeekend('2026-11-02')).toBe(false);
    expect(isWeekend('2028-02-29')).toBe(false);
  });
});

describe('shiftToFridayBefore', () => {
  it.each([
    ['2026-10-31', '2026-10-30', 'Saturday → Friday'],
    ['2026-11-01', '2026-10-30', 'Sunday → Friday'],
    ['2026-03-01', '2026-02-27', 'Sunday → Friday of the previous month'],
    ['2028-01-01', '2027-12-31', 'Saturday → Friday of the previous year'],
    ['2026-10-30', '2026-10-30', 'Friday stays'],
    ['2026-11-02', '2026-11-02', 'Monday stays'],
    ['2028-02-29', '2028-02-29', 'Tuesday stays'],
  ])('%s → %s (%s)', (day, expected) => {
    expect(shiftToFridayBefore(day)).toBe(expected);
  });
});

describe('shiftToMondayAfter', () => {
  it.each([
    ['2026-10-31', '2026-11-02', 'Saturday → Monday'],
    ['2026-11-01', '2026-11-02', 'Sunday → Monday'],
    ['2026-02-28', '2026-03-02', 'Saturday → Monday of the next month'],
    ['2028-01-01', '2028-01-03', 'Saturday → Monday, new year'],
    ['2027-01-02', '2027-01-04', 'Saturday → Monday'],
    ['2026-10-30', '2026-10-30', 'Friday stays'],
    ['2026-11-02', '2026-11-02', 'Monday stays'],
  ])('%s → %s (%s)', (day, expected) => {
    expect(shiftToMondayAfter(day)).toBe(expected);
  });
});

describe('compareDays', () => {
  it('orders days chronologically', () => {
    expect(compareDays('2026-01-01', '2026-01-02')).toBeLessThan(0);
    expect(compareDays('2026-12-31', '2027-01-01')).toBeLessThan(0);
    expect(compareDays('2026-10-01', '2026-09-30')).toBeGreaterThan(0);
    expect(compareDays('2026-06-15', '2026-06-15')).toBe(0);
    expect(['2027-01-01', '2026-12-31', '2026-02-01'].sort(compareDays)).toEqual(['2026-02-01', '2026-12-31', '2027-01-01']);
  });
});

describe('formatDay', () => {
  it('renders weekday, day, month and year', () => {
    expect(formatDay('2026-12-04')).toBe('Fri 4 Dec 2026');
    expect(formatDay('2028-02-29')).toBe('Tue 29 Feb 2028');
    expect(formatDay('2027-01-01')).toBe('Fri 1 Jan 2027');
  });
});

describe('independence from the host time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Australia/Lord_Howe'])(
    'gives the same answers when the server runs in %s',
    (zone) => {
      process.env.TZ = zone;
      expect(isValidDay('2028-02-29')).toBe(true);
      expect(isValidDay('2027-02-29')).toBe(false);
      expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
      expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
      expect(addDays('2026-03-08', -1)).toBe('2026-03-07');
      expect(addMonths('2027-02-28', 12)).toBe('2028-02-29');
      expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
      expect(daysBetween('2026-10-01', '2026-11-01')).toBe(31);
      expect(weekday('2026-03-29')).toBe(0);
      expect(weekday('2026-10-31')).toBe(6);
      expect(shiftToFridayBefore('2026-11-01')).toBe('2026-10-30');
      expect(shiftToMondayAfter('2026-10-31')).toBe('2026-11-02');
      expect(formatDay('2026-12-04')).toBe('Fri 4 Dec 2026');
    },
  );
});
