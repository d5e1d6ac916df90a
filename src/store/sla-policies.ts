import { z } from 'zod';
import type { SlaHours } from '../domain/business-hours.js';
import { parseSlaDuration } from '../domain/durations.js';
import { PRIORITIES, type Priority, type SlaTargets } from '../domain/sla-measure.js';
import type { CreditTier } from '../domain/credits.js';
import type { Db, Tx } from './client.js';

export interface SlaPolicy {
  hours: SlaHours;
  hoursKind: '24x7' | 'business';
  holidays: string[];
  targets: SlaTargets;
  /** The targets as typed ("8h", "2d"), for showing them back. */
  typed: Partial<Record<Priority, { response: string | null; resolution: string | null }>>;
  uptimeTarget: number | null;
  /** The compliance (percent) the team expects from the vendor. */
  expectation: number;
  /** Service credit tiers, highest threshold first; empty: none. */
  creditTiers: CreditTier[];
  /** Days after a month ends to claim its credit. */
  claimDays: number;
}

export const DEFAULT_CLAIM_DAYS = 30;

export const DEFAULT_EXPECTATION = 90;

const holidayList = z.array(z.string());
const tierList = z.array(z.object({ below: z.number(), percent: z.number() }));

export function tiersOfRow(json: string | null): CreditTier[] {
  return json ? tierList.parse(JSON.parse(json)) : [];
}

/** A contract's SLA clock and targets; with nothing set: 24x7, no targets, no uptime target. */
export async function slaPolicyOf(db: Db | Tx, contractId: string, timezone: string): Promise<SlaPolicy> {
  return (await slaPoliciesOf(db, [contractId], timezone)).get(contractId)!;
}

/** `slaPolicyOf` for many contracts of one workspace: two queries however many. */
export async function slaPoliciesOf(db: Db | Tx, contractIds: readonly string[], timezone: string): Promise<Map<string, SlaPolicy>> {
  const ids = [...new Set(contractIds)];
  const [policies, targets] = await Promise.all([
    db.slaPolicy.findMany({ where: { contractId: { in: ids } } }),
    db.slaTarget.findMany({ where: { contractId: { in: ids } } }),
  ]);
  const policyOf = new Map(policies.map((p) => [p.contractId, p]));
  const targetsOf = new Map<string, typeof targets>();
  for (const t of targets) targetsOf.set(t.contractId, [...(targetsOf.get(t.contractId) ?? []), t]);
  return new Map(ids.map((id) => [id, policyOfRows(policyOf.get(id) ?? null, targetsOf.get(id) ?? [], timezone)]));
}

type PolicyRow = { hours: string; holidays: string; uptimeTarget: number | null; expectation: number | null; creditTiers: string | null; claimDays: number };

function policyOfRows(policy: PolicyRow | null, targets: readonly { priority: string; response: string | null; resolution: string | null }[], timezone: string): SlaPolicy {
  const holidays = policy ? holidayList.parse(JSON.parse(policy.holidays)) : [];
  const hoursKind = policy?.hours === 'business' ? 'business' : '24x7';
  const byPriority: SlaTargets = {};
  const typed: SlaPolicy['typed'] = {};
  const ms = (text: string | null) => (text === null ? null : parseSlaDuration(text, hoursKind));
  for (const t of targets) {
    if (!PRIORITIES.includes(t.priority as Priority)) continue;
    byPriority[t.priority as Priority] = { responseMs: ms(t.response), resolutionMs: ms(t.resolution) };
    typed[t.priority as Priority] = { response: t.response, resolution: t.resolution };
  }
  return {
    hours: hoursKind === 'business' ? { kind: 'business', timezone, holidays } : { kind: '24x7' },
    hoursKind,
    holidays,
    targets: byPriority,
    typed,
    uptimeTarget: policy?.uptimeTarget ?? null,
    expectation: policy?.expectation ?? DEFAULT_EXPECTATION,
    creditTiers: tiersOfRow(policy?.creditTiers ?? null),
    claimDays: policy?.claimDays ?? DEFAULT_CLAIM_DAYS,
  };
}

/** Targets are kept as typed ("4h", "2d") and read in the contract's clock. */
export async function setTargets(tx: Tx, workspaceId: string, contractId: string, priority: Priority, change: { response?: string; resolution?: string }): Promise<void> {
  const data = {
    ...(change.response !== undefined && { response: change.response.toLowerCase() }),
    ...(change.resolution !== undefined && { resolution: change.resolution.toLowerCase() }),
  };
  await tx.slaTarget.upsert({
    where: { contractId_priority: { contractId, priority } },
    create: { contractId, priority, workspaceId, ...data },
    update: data,
  });
}

export interface PolicyChange {
  hours?: '24x7' | 'business';
  holidays?: string[];
  uptimeTarget?: number;
  expectation?: number;
  /** Empty: no more service credits. */
  creditTiers?: CreditTier[];
  claimDays?: number;
}

export async function setPolicy(tx: Tx, workspaceId: string, contractId: string, change: PolicyChange): Promise<void> {
  const data = {
    ...(change.creditTiers !== undefined && { creditTiers: change.creditTiers.length > 0 ? JSON.stringify(change.creditTiers) : null }),
    ...(change.claimDays !== undefined && { claimDays: change.claimDays }),
    ...(change.hours !== undefined && { hours: change.hours }),
    ...(change.holidays !== undefined && { holidays: JSON.stringify(change.holidays) }),
    ...(change.uptimeTarget !== undefined && { uptimeTarget: change.uptimeTarget }),
    ...(change.expectation !== undefined && { expectation: change.expectation }),
  };
  await tx.slaPolicy.upsert({ where: { contractId }, create: { contractId, workspaceId, ...data }, update: data });
}
