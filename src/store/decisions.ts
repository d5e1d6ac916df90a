import type { Decision } from '../generated/prisma/client.js';
import type { Choice } from '../domain/decision-rules.js';
import type { Db, Tx } from './client.js';

export type { Decision };

/** The live (pending or final) decision of a contract cycle, if any. */
export async function currentDecision(db: Db | Tx, contractId: string, cycle: number): Promise<Decision | null> {
  const slot = await db.decisionSlot.findUnique({ where: { contractId_cycle: { contractId, cycle } } });
  return slot ? db.decision.findUnique({ where: { id: slot.decisionId } }) : null;
}

/** The live decisions of the current cycles of these contracts, by contract id (two queries, however many). */
export async function currentDecisions(db: Db | Tx, contracts: readonly { id: string; cycle: number }[]): Promise<Map<string, Decision>> {
  if (contracts.length === 0) return new Map();
  const cycles = new Map(contracts.map((c) => [c.id, c.cycle]));
  const slots = (await db.decisionSlot.findMany({ where: { contractId: { in: [...cycles.keys()] } } })).filter((s) => cycles.get(s.contractId) === s.cycle);
  const decisions = await db.decision.findMany({ where: { id: { in: slots.map((s) => s.decisionId) } } });
  return new Map(decisions.map((d) => [d.contractId, d]));
}

export async function findDecision(db: Db | Tx, workspaceId: string, id: string): Promise<Decision | null> {
  return db.decision.findFirst({ where: { id, workspaceId } });
}

export interface NewDecision {
  workspaceId: string;
  contractId: string;
  cycle: number;
  choice: Choice;
  status: 'pending' | 'final';
  proposedBy: string;
  at: Date;
  channelId: string | null;
  messageId: string | null;
}

/**
 * Takes the cycle's decision slot; null when another decision holds it already. The slot's primary
 * key makes two simultaneous clicks (or two processes) resolve to exactly one winner.
 */
export async function takeDecisionSlot(tx: Tx, input: NewDecision): Promise<Decision | null> {
  const existing = await tx.decisionSlot.findUnique({ where: { contractId_cycle: { contractId: input.contractId, cycle: input.cycle } } });
  if (existing) return null;
  const decision = await tx.decision.create({
    data: {
      workspaceId: input.workspaceId,
      contractId: input.contractId,
      cycle: input.cycle,
      choice: input.choice,
      status: input.status,
      proposedBy: input.proposedBy,
      decidedAt: input.status === 'final' ? input.at : null,
      createdAt: input.at,
      channelId: input.channelId,
      messageId: input.messageId,
    },
  });
  await tx.decisionSlot.create({ data: { workspaceId: input.workspaceId, contractId: input.contractId, cycle: input.cycle, decisionId: decision.id } });
  return decision;
}

/** Settles a pending decision once: the `status: 'pending'` guard lets only one approver win. */
export async function settlePending(tx: Tx, decisionId: string, approverId: string, approve: boolean, at: Date): Promise<boolean> {
  const { count } = await tx.decision.updateMany({
    where: { id: decisionId, status: 'pending' },
    data: { status: approve ? 'final' : 'rejected', approvedBy: approverId, decidedAt: at },
  });
  if (count === 1 && !approve) await tx.decisionSlot.deleteMany({ where: { decisionId } });
  return count === 1;
}

export async function audit(tx: Db | Tx, event: { workspaceId: string; contractId: string | null; actorId: string; action: string; detail?: object; at: Date }): Promise<void> {
  await tx.auditEvent.create({
    data: { workspaceId: event.workspaceId, contractId: event.contractId, actorId: event.actorId, action: event.action, detail: JSON.stringify(event.detail ?? {}), at: event.at },
  });
}

/** A contract's audit trail, newest first: decisions, approvals, edits, contacts, snoozes, end-of-term transitions. */
export async function auditTrailOf(db: Db | Tx, workspaceId: string, contractId: string, limit: number): Promise<{ actorId: string; action: string; detail: string; at: Date }[]> {
  return db.auditEvent.findMany({ where: { workspaceId, contractId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: limit, select: { actorId: true, action: true, detail: true, at: true } });
}

/** Where a decision's proposal was posted, to update it in place when it is approved or rejected. */
export async function recordDecisionMessage(db: Db | Tx, id: string, channelId: string, messageId: string | null): Promise<void> {
  await db.decision.update({ where: { id }, data: { channelId, messageId } });
}
