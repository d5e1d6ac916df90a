import type { VendorIssue } from '../generated/prisma/client.js';
import type { IssueTimes, Priority } from '../domain/sla-measure.js';
import type { Db, Tx } from './client.js';

export type { VendorIssue };

/** The times the SLA maths needs. */
export function timesOf(issue: Pick<VendorIssue, 'id' | 'priority' | 'category' | 'openedAt' | 'respondedAt' | 'resolvedAt'>): IssueTimes {
  return { id: issue.id, priority: issue.priority as Priority, category: issue.category, opened: issue.openedAt, responded: issue.respondedAt, resolved: issue.resolvedAt };
}

/** `I-12`, `i-12` or `12` → 12. */
export function issueNumber(text: string): number | null {
  const match = /^(?:i-?)?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

export function issueLabel(issue: Pick<VendorIssue, 'number'>): string {
  return `I-${issue.number}`;
}

export async function findIssue(db: Db | Tx, workspaceId: string, number: number): Promise<VendorIssue | null> {
  return db.vendorIssue.findUnique({ where: { workspaceId_number: { workspaceId, number } } });
}

export async function findIssueById(db: Db | Tx, workspaceId: string, id: string): Promise<VendorIssue | null> {
  return db.vendorIssue.findFirst({ where: { id, workspaceId } });
}

/** Hands out the next I-<n> of the workspace inside the caller's transaction. */
export async function nextIssueNumber(tx: Tx, workspaceId: string): Promise<number> {
  const ws = await tx.workspace.update({ where: { id: workspaceId }, data: { issueSeq: { increment: 1 } }, select: { issueSeq: true } });
  return ws.issueSeq;
}

export async function recordIssueEvent(tx: Tx, issue: VendorIssue, action: string, actorId: string, at: Date): Promise<void> {
  await tx.issueEvent.create({ data: { workspaceId: issue.workspaceId, issueId: issue.id, action, actorId, at } });
}

export async function listIssues(db: Db, workspaceId: string, options: { contractId?: string; openOnly: boolean; limit: number }): Promise<VendorIssue[]> {
  return db.vendorIssue.findMany({
    where: { workspaceId, ...(options.contractId && { contractId: options.contractId }), ...(options.openOnly && { resolvedAt: null }) },
    orderBy: [{ openedAt: 'desc' }, { number: 'desc' }],
    take: options.limit,
  });
}

/** The issues and outages of one contract that matter for a period (opened in it, or still open). */
export async function issuesOpenedBetween(db: Db | Tx, contractId: string, start: Date, end: Date): Promise<VendorIssue[]> {
  return db.vendorIssue.findMany({ where: { contractId, openedAt: { gte: start, lt: end } } });
}

export async function outagesOverlapping(db: Db | Tx, contractId: string, start: Date, end: Date) {
  return db.outage.findMany({ where: { contractId, startAt: { lt: end }, endAt: { gt: start } } });
}

export type NewIssue = Pick<VendorIssue, 'workspaceId' | 'number' | 'contractId' | 'priority' | 'summary' | 'category' | 'openedAt' | 'openedBy'>;

export async function createIssue(tx: Db | Tx, issue: NewIssue): Promise<VendorIssue> {
  return tx.vendorIssue.create({ data: issue });
}

/** What a step of an issue's life changes (responded, resolved, reopened). */
export type IssueChange = Partial<Pick<VendorIssue, 'respondedAt' | 'resolvedAt' | 'reopenCount'>>;

/** Changes an issue's times; its stored SLA measurements are counted again when next needed. */
export async function updateIssue(tx: Db | Tx, id: string, change: IssueChange): Promise<VendorIssue> {
  return tx.vendorIssue.update({ where: { id }, data: { ...change, responseMs: null, resolutionMs: null, slaClock: null } });
}

/** Where the issue's message was posted, to update it in place later. */
export async function recordIssueMessage(db: Db | Tx, id: string, channelId: string, messageId: string | null): Promise<void> {
  await db.vendorIssue.update({ where: { id }, data: { channelId, messageId } });
}

/** The contract's open issues; `posted` only those with a message to update. */
export async function openIssuesOf(db: Db | Tx, contractId: string, options: { posted?: boolean } = {}): Promise<VendorIssue[]> {
  return db.vendorIssue.findMany({ where: { contractId, resolvedAt: null, ...(options.posted && { messageId: { not: null } }) } });
}

/** Issues by id (rows of the ledger point at them), one query. */
export async function issuesByIds(db: Db | Tx, ids: readonly string[]): Promise<Map<string, VendorIssue>> {
  if (ids.length === 0) return new Map();
  const rows = await db.vendorIssue.findMany({ where: { id: { in: [...new Set(ids)] } } });
  return new Map(rows.map((i) => [i.id, i]));
}

/** Records an outage with the workspace's next O-<n>; returns that number. */
export async function addOutage(db: Db, outage: { workspaceId: string; contractId: string; startAt: Date; endAt: Date; maintenance: boolean; createdBy: string; createdAt: Date }): Promise<number> {
  return db.$transaction(async (tx) => {
    const ws = await tx.workspace.update({ where: { id: outage.workspaceId }, data: { outageSeq: { increment: 1 } }, select: { outageSeq: true } });
    await tx.outage.create({ data: { ...outage, number: ws.outageSeq } });
    return ws.outageSeq;
  });
}
