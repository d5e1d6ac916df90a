/** Lines a list shows at a time (`/contract list`, `/renewals`): more go on further pages (`page:2`). */
export const LINES_PER_PAGE = 50;

/**
 * Where a page of a list stands: "Dates 51–100 of 1,234 · next: `/renewals page:3`"; null when one
 * page shows everything.
 */
export function pageNote(p: { page: number; shown: number; total: number; what: string; next: string }): string | null {
  const count = p.total.toLocaleString('en-US');
  if (p.shown === 0) return p.page > 1 ? `Page ${p.page} is past the end: there are ${count} ${p.what}.` : null;
  if (p.page === 1 && p.shown >= p.total) return null;
  const first = (p.page - 1) * LINES_PER_PAGE + 1;
  const last = first + p.shown - 1;
  const label = `${p.what.charAt(0).toUpperCase()}${p.what.slice(1)}`;
  return `${label} ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${count}${last < p.total ? ` · next: \`${p.next}\`` : ''}`;
}
