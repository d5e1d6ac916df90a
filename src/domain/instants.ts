import { instantAt } from './zoned-time.js';
import { isValidDay } from './days.js';

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** ISO 8601; without an offset the wall-clock time is read in `zone`; a bare date means midnight. */
export function parseInstant(text: string, zone: string): Date | null {
  const m = ISO.exec(text.trim());
  if (!m || !isValidDay(m[1]!)) return null;
  const [hh, mm, ss, ms] = [m[2] ?? '00', m[3] ?? '00', m[4] ?? '00', (m[5] ?? '0').padEnd(3, '0')];
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  if (m[6]) {
    const offset = m[6] === 'Z' ? 'Z' : m[6].includes(':') ? m[6] : `${m[6].slice(0, 3)}:${m[6].slice(3)}`;
    const date = new Date(`${m[1]}T${hh}:${mm}:${ss}.${ms}${offset}`);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return new Date(instantAt(m[1]!, `${hh}:${mm}`, zone).getTime() + Number(ss) * 1000 + Number(ms));
}
