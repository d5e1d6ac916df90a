import { z } from 'zod';
import type { SlaHours } from '../domain/business-hours.js';
import { parseSlaDuration } from '../domain/durations.js';
import { PRIORITIES, type Priority, type SlaTargets } from '../domain/sla-measure.js';
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
}

export const DEFAULT_EXPECTATION = 90;

const holidayList = z.array(z.string());

/** A contract's SLA clock and targets; with nothing set: 24x7, no targets, no uptime target. */
export async function slaPolicyOf(db: Db | Tx, contractId: string, timezone: string): Promise<SlaPolicy> {
  const [policy, targets] = await Promise.all([
    db.slaPolicy.findUnique({ where: { contractId } }),
    db.slaTarget.findMany({ where: { contractId } }),
  ]);
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

export async function setPolicy(tx: Tx, workspaceId: string, contractId: string, change: { hours?: '24x7' | 'business'; holidays?: string[]; uptimeTarget?: number; expectation?: number }): Promise<void> {
  const data = {
    ...(change.hours !== undefined && { hours: change.hours }),
    ...(change.holidays !== undefined && { holidays: JSON.stringify(change.holidays) }),
    ...(change.uptimeTarget !== undefined && { uptimeTarget: change.uptimeTarget }),
    ...(change.expectation !== undefined && { expectation: change.expectation }),
  };
  await tx.slaPolicy.upsert({ where: { contractId }, create: { contractId, workspaceId, ...data }, update: data });
}
