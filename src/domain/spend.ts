import { annualValue, type Per } from './contract-terms.js';
import { compareDays, type Day } from './days.js';
import { roundToCents } from './credits.js';

/** A contract's share of a department: `IT:60,Finance:40` → [{ IT, 60 }, { Finance, 40 }]. */
export interface DepartmentShare {
  department: string;
  percent: number;
}

export const NO_DEPARTMENT = '(no department)';

/** The departments a contract's cost is split over, as stored (`IT:60,Finance:40`); none: one share of 100 %. */
export function departmentShares(departments: string | null): DepartmentShare[] {
  const parts = (departments ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const shares = parts.map((part) => {
    const at = part.lastIndexOf(':');
    return { department: part.slice(0, at).trim(), percent: Number(part.slice(at + 1)) };
  }).filter((s) => s.department && Number.isFinite(s.percent) && s.percent > 0);
  return shares.length > 0 ? shares : [{ department: NO_DEPARTMENT, percent: 100 }];
}

/** What a contract costs a year, split by department (to cents). */
export function departmentSplit(value: number | null, per: Per, departments: string | null): { department: string; percent: number; amount: number | null }[] {
  const annual = annualValue(value, per);
  return departmentShares(departments).map((s) => ({ ...s, amount: annual === null ? null : roundToCents((annual * s.percent) / 100) }));
}

export interface SpendContract {
  id: string;
  name: string;
  vendor: string;
  value: number | null;
  per: Per;
  currency: string;
  departments: string | null;
  channel: string | null;
  renewal: 'auto' | 'manual';
  /** The notice deadline and the end of the term. */
  deadline: Day;
  end: Day;
  /** A decision (final or awaiting approval) was taken for the current term. */
  decided: boolean;
}

export type SpendGrouping = 'vendor' | 'department' | 'channel';

export interface SpendGroup {
  key: string;
  /** Annualised, per currency. */
  totals: Map<string, number>;
  contracts: number;
}

/** Amounts per currency, added in cents. */
function add(totals: Map<string, number>, currency: string, amount: number): void {
  totals.set(currency, roundToCents((totals.get(currency) ?? 0) + amount));
}

/**
 * Annualised spend (per:month × 12) grouped by vendor, department (split by its percentages) or
 * channel, per currency; largest group first (by its largest currency total). Contracts without a
 * value count in their group, without an amount.
 */
export function groupSpend(contracts: readonly SpendContract[], by: SpendGrouping): SpendGroup[] {
  const groups = new Map<string, SpendGroup>();
  const group = (key: string) => {
    const found = groups.get(key) ?? { key, totals: new Map(), contracts: 0 };
    groups.set(key, found);
    return found;
  };
  for (const c of contracts) {
    if (by === 'department') {
      for (const share of departmentSplit(c.value, c.per, c.departments)) {
        const g = group(share.department);
        g.contracts += 1;
        if (share.amount !== null) add(g.totals, c.currency, share.amount);
      }
      continue;
    }
    const g = group(by === 'vendor' ? c.vendor : c.channel ?? '');
    g.contracts += 1;
    const annual = annualValue(c.value, c.per);
    if (annual !== null) add(g.totals, c.currency, annual);
  }
  const largest = (g: SpendGroup) => Math.max(0, ...g.totals.values());
  return [...groups.values()].sort((a, b) => largest(b) - largest(a) || a.key.localeCompare(b.key));
}

/** Annualised totals per currency. */
export function totalSpend(contracts: readonly SpendContract[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const c of contracts) {
    const annual = annualValue(c.value, c.per);
    if (annual !== null) add(totals, c.currency, annual);
  }
  return totals;
}

/** Contracts whose notice deadline falls from today to `days` days ahead (inclusive). */
export function upForRenewal(contracts: readonly SpendContract[], today: Day, until: Day): SpendContract[] {
  return contracts.filter((c) => compareDays(c.deadline, today) >= 0 && compareDays(c.deadline, until) <= 0);
}

/** Auto-renewing contracts whose term ends (and so renews) from today to `until`, with no decision yet: "renewing unexamined". */
export function renewingUnexamined(contracts: readonly SpendContract[], today: Day, until: Day): SpendContract[] {
  return contracts
    .filter((c) => c.renewal === 'auto' && !c.decided && compareDays(c.end, today) >= 0 && compareDays(c.end, until) <= 0)
    .sort((a, b) => compareDays(a.end, b.end) || a.name.localeCompare(b.name));
}
