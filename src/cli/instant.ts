import { TZDate } from '@date-fns/tz';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** ISO 8601; without an offset the wall-clock time is read in `zone`; a bare date means midnight. */
export function parseInstant(text: string, zone: string): Date | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  if (m[7]) {
    const date = new Date(text.trim().replace(' ', 'T'));
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as number[];
  const date = new TZDate(y!, mo! - 1, d!, h!, mi!, s!, zone);
  if (date.getMonth() !== mo! - 1 || date.getDate() !== d!) return null;
  return new Date(date.getTime());
}
