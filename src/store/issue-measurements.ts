import { countedMs } from '../domain/business-hours.js';
import { measureEvent, type IssueTimes, type Priority } from '../domain/sla-measure.js';
import { providerOf, type Provider } from './bulk-insert.js';
import type { Db, Tx } from './client.js';
import type { SlaPolicy } from './sla-policies.js';

/** An issue as the SLA maths reads it, with its I-<n>. */
export type MeasuredIssue = IssueTimes & { number: number };

/**
 * Which clock stored measurements were counted in: 24x7, or business hours in a zone with its
 * holidays. A stored time counted in another clock (the policy or the workspace zone changed since)
 * is counted again.
 */
export function clockKeyOf(policy: Pick<SlaPolicy, 'hours'>): string {
  const { hours } = policy;
  return hours.kind === 'business' ? `business ${hours.timezone} ${[...hours.holidays].sort().join(',')}` : '24x7';
}

/**
 * One row per contract: its issues as one JSON array (thousands of rows through Prisma cost more than
 * the database's work). Those opened in the range, then (`openToo`) those still open from before it:
 * two index ranges, where one condition with OR would read every issue of the contract.
 */
const ISSUES: Record<Provider, (openToo: boolean) => string> = {
  sqlite: (openToo) => {
    const ms = (column: string) => `unixepoch("${column}") * 1000 + CAST(substr("${column}", 21, 3) AS INTEGER)`;
    const ofContracts = `"contractId" IN (SELECT value FROM json_each(?))`;
    return `SELECT "contractId" AS "contractId", json_group_array(json_array("id", "number", "priority", "category", ${ms('openedAt')}, ${ms('respondedAt')}, ${ms('resolvedAt')},
        "responseMs", "resolutionMs", "slaClock", "updatedAt")) AS "issues"
      FROM (SELECT * FROM "VendorIssue" WHERE ${ofContracts} AND "openedAt" >= ? AND "openedAt" < ?
        ${openToo ? `UNION ALL SELECT * FROM "VendorIssue" WHERE ${ofContracts} AND "resolvedAt" IS NULL AND NOT ("openedAt" >= ? AND "openedAt" < ?)` : ''})
      GROUP BY "contractId"`;
  },
  postgresql: (openToo) => {
    const ms = (column: string) => `(extract(epoch from "${column}") * 1000)::bigint`;
    const ofContracts = `"contractId" IN (SELECT jsonb_array_elements_text($1::jsonb))`;
    return `SELECT "contractId" AS "contractId", json_agg(json_build_array("id", "number", "priority", "category", ${ms('openedAt')}, ${ms('respondedAt')}, ${ms('resolvedAt')},
        "responseMs", "resolutionMs", "slaClock", "updatedAt"::text))::text AS "issues"
      FROM (SELECT * FROM "VendorIssue" WHERE ${ofContracts} AND "openedAt" >= $2 AND "openedAt" < $3
        ${openToo ? `UNION ALL SELECT * FROM "VendorIssue" WHERE ${ofContracts} AND "resolvedAt" IS NULL AND NOT ("openedAt" >= $2 AND "openedAt" < $3)` : ''}) AS i
      GROUP BY "contractId"`;
  },
};

/** Stores measurements, each only if the issue has not changed since it was read (its updatedAt, as read). */
const STORE: Record<Provider, string> = {
  sqlite: `UPDATE "VendorIssue" SET "responseMs" = v.value->>1, "resolutionMs" = v.value->>2, "slaClock" = v.value->>3
    FROM json_each(?) AS v WHERE "VendorIssue"."id" = v.value->>0 AND "VendorIssue"."updatedAt" = v.value->>4`,
  postgresql: `UPDATE "VendorIssue" AS i SET "responseMs" = (v->>1)::double precision, "resolutionMs" = (v->>2)::double precision, "slaClock" = v->>3
    FROM jsonb_array_elements($1::jsonb) AS v WHERE i."id" = v->>0 AND i."updatedAt"::text = v->>4`,
};

type IssueCells = [id: string, number: number, priority: string, category: string | null, opened: number, responded: number | null, resolved: number | null,
  responseMs: number | null, resolutionMs: number | null, clock: string | null, updatedAt: string];

const at = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * The issues of these contracts opened in [from, to) (and, with `openToo`, every one still open),
 * with their counted response and resolution times. Times stored in the contract's current clock are
 * read; the others are counted now and stored for the next reader (so an issue that changed is
 * counted once more, the first time a measurement needs it). One query for every contract, and one
 * write when something had to be counted.
 */
export async function measuredIssues(
  db: Db | Tx,
  policies: ReadonlyMap<string, SlaPolicy>,
  range: { from: Date; to: Date; openToo: boolean },
): Promise<Map<string, MeasuredIssue[]>> {
  const result = new Map<string, MeasuredIssue[]>([...policies.keys()].map((id) => [id, []]));
  if (policies.size === 0) return result;
  const provider = providerOf(db as Db);
  const ids = JSON.stringify([...policies.keys()]);
  // SQLite's placeholders are positional: the second part takes the same three again.
  const args = provider === 'sqlite' && range.openToo ? [ids, range.from, range.to, ids, range.from, range.to] : [ids, range.from, range.to];
  const rows = await db.$queryRawUnsafe<{ contractId: string; issues: string }[]>(ISSUES[provider](range.openToo), ...args);
  const counted: (string | number | null)[][] = [];
  for (const row of rows) {
    const policy = policies.get(row.contractId)!;
    const clock = clockKeyOf(policy);
    const issues = result.get(row.contractId)!;
    for (const [id, number, priority, category, opened, responded, resolved, responseMs, resolutionMs, storedClock, updatedAt] of JSON.parse(row.issues) as IssueCells[]) {
      const issue: MeasuredIssue = { id, number, priority: priority as Priority, category, opened: new Date(opened), responded: at(responded), resolved: at(resolved) };
      if (storedClock === clock) {
        issue.counted = { response: responseMs, resolution: resolutionMs };
      } else {
        const count = (event: Date | null) => (event === null ? null : countedMs(issue.opened, event, policy.hours));
        issue.counted = { response: count(measureEvent(issue, 'response')), resolution: count(measureEvent(issue, 'resolution')) };
        counted.push([id, issue.counted.response, issue.counted.resolution, clock, updatedAt]);
      }
      issues.push(issue);
    }
  }
  if (counted.length > 0) await db.$executeRawUnsafe(STORE[provider], JSON.stringify(counted));
  return result;
}
