import { z } from 'zod';
import type { Credit } from '../generated/prisma/client.js';
import { OPEN_STATES, type CreditFigures, type CreditState } from '../domain/credits.js';
import { dayIn } from '../domain/zoned-time.js';
import type { Db, Tx } from './client.js';
import { seriesKey } from './ledger-keys.js';
import type { PlannedRow } from './reminder-ledger.js';
import { tiersOfRow } from './sla-policies.js';

export type { Credit };

/** An outage or issue behind a credit, as it was when the month was evaluated. */
export const evidenceItem = z.object({
  kind: z.enum(['outage', 'issue']),
  /** "O-3", "I-12"; null for an outage recorded before outages were numbered. */
  label: z.string().nullable(),
  start: z.string(),
  end: z.string().nullable(),
  minutes: z.number().nullable(),
  /** Issues: "P1 Portal down". */
  summary: z.string().optional(),
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

export function evidenceOf(credit: Pick<Credit, 'evidence'>): EvidenceItem[] {
  const parsed = z.array(evidenceItem).safeParse(JSON.parse(credit.evidence));
  return parsed.success ? parsed.data : [];
}

export function stateOf(credit: Pick<Credit, 'status'>): CreditState {
  return credit.status as CreditState;
}

/** What the totals need of a credit. */
export function figuresOf(credit: Credit): CreditFigures {
  return { status: stateOf(credit), currency: credit.currency, amount: credit.amount, recovered: credit.recovered };
}

export function creditLabel(credit: Pick<Credit, 'number'>): string {
  return `C-${credit.number}`;
}

/** `C-3`, `c3` or `3` → 3. */
export function creditNumber(text: string): number | null {
  const match = /^(?:c-?)?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/**
 * Takes the evaluation of `month` for a workspace, inside the caller's transaction: true for the one
 * process that moves the workspace's mark to that month (a second one waits for the first to commit,
 * then finds the mark moved).
 */
export async function claimCreditMonth(tx: Tx, workspaceId: string, month: string): Promise<boolean> {
  const { count } = await tx.workspace.updateMany({ where: { id: workspaceId, OR: [{ creditMonth: null }, { creditMonth: { lt: month } }] }, data: { creditMonth: month } });
  return count === 1;
}

/** The active contracts of a workspace that have credit tiers, with their tiers and claim window. */
export async function contractsWithCreditTiers(db: Db | Tx, workspaceId: string) {
  const policies = await db.slaPolicy.findMany({ where: { workspaceId, creditTiers: { not: null } }, select: { contractId: true, creditTiers: true, claimDays: true, uptimeTarget: true } });
  if (policies.length === 0) return [];
  const contracts = await db.contract.findMany({ where: { workspaceId, status: 'active', id: { in: policies.map((p) => p.contractId) } } });
  const byId = new Map(policies.map((p) => [p.contractId, p]));
  return contracts.map((contract) => {
    const policy = byId.get(contract.id)!;
    return { contract, tiers: tiersOfRow(policy.creditTiers), claimDays: policy.claimDays, uptimeTarget: policy.uptimeTarget };
  });
}

export type NewCredit = Omit<Credit, 'id' | 'number' | 'status' | 'recovered' | 'claimedBy' | 'claimedAt' | 'settledBy' | 'settledAt' | 'createdAt' | 'updatedAt'> & { createdAt: Date };

/** Creates a credit with the workspace's next C-<n> and plans its ledger rows, in the caller's transaction. */
export async function createCredit(tx: Tx, credit: NewCredit, rows: readonly PlannedRow[]): Promise<Credit> {
  const ws = await tx.workspace.update({ where: { id: credit.workspaceId }, data: { creditSeq: { increment: 1 } }, select: { creditSeq: true } });
  const created = await tx.credit.create({ data: { ...credit, number: ws.creditSeq } });
  const key = seriesKey({ of: 'credit', creditId: created.id });
  if (rows.length > 0) {
    await tx.reminder.createMany({
      data: rows.map((r) => ({ workspaceId: credit.workspaceId, ...key, contractId: credit.contractId, kind: r.kind, step: r.step, dueAt: r.dueAt, channelId: r.channelId ?? null })),
    });
  }
  return created;
}

/** The credit a contract's month earned, if any. */
export async function creditOfMonth(db: Db | Tx, contractId: string, month: string): Promise<Credit | null> {
  return db.credit.findUnique({ where: { contractId_month: { contractId, month } } });
}

export async function findCredit(db: Db | Tx, workspaceId: string, number: number): Promise<Credit | null> {
  return db.credit.findUnique({ where: { workspaceId_number: { workspaceId, number } } });
}

export async function findCreditById(db: Db | Tx, workspaceId: string, id: string): Promise<Credit | null> {
  return db.credit.findFirst({ where: { id, workspaceId } });
}

/** The credit a ledger row points at (by its own id: no workspace scope needed). */
export async function creditOfRow(db: Db | Tx, id: string): Promise<Credit | null> {
  return db.credit.findUnique({ where: { id } });
}

/** Credits of a workspace (or one contract), newest month first. */
export async function creditsOf(db: Db | Tx, workspaceId: string, options: { contractId?: string; openOnly?: boolean; fromMonth?: string; toMonth?: string } = {}): Promise<Credit[]> {
  return db.credit.findMany({
    where: {
      workspaceId,
      ...(options.contractId && { contractId: options.contractId }),
      ...(options.openOnly && { status: { in: [...OPEN_STATES] } }),
      ...((options.fromMonth || options.toMonth) && { month: { ...(options.fromMonth && { gte: options.fromMonth }), ...(options.toMonth && { lte: options.toMonth }) } }),
    },
    orderBy: [{ month: 'desc' }, { number: 'desc' }],
  });
}

/** The credits of these contracts in the months from `fromMonth` to `toMonth`, by contract id, newest month first (one query). */
export async function creditsOfContracts(db: Db | Tx, contractIds: readonly string[], months: { fromMonth: string; toMonth: string }): Promise<Map<string, Credit[]>> {
  const byContract = new Map<string, Credit[]>(contractIds.map((id) => [id, []]));
  if (contractIds.length === 0) return byContract;
  const credits = await db.credit.findMany({
    where: { contractId: { in: [...contractIds] }, month: { gte: months.fromMonth, lte: months.toMonth } },
    orderBy: [{ month: 'desc' }, { number: 'desc' }],
  });
  for (const credit of credits) byContract.get(credit.contractId)?.push(credit);
  return byContract;
}

/** The months ('2026-11') a period touches, in the workspace zone: credits of those months belong to it. */
export function monthsOf(period: { start: Date; end: Date }, timezone: string): { fromMonth: string; toMonth: string } {
  return { fromMonth: dayIn(period.start, timezone).slice(0, 7), toMonth: dayIn(new Date(period.end.getTime() - 1), timezone).slice(0, 7) };
}

export type CreditChange = Partial<Pick<Credit, 'status' | 'recovered' | 'claimedBy' | 'claimedAt' | 'settledBy' | 'settledAt'>>;

/** Changes a credit only while it is in one of `from`: false when another click or the scheduler moved it first. */
export async function changeCredit(db: Db | Tx, id: string, from: readonly CreditState[], change: CreditChange): Promise<boolean> {
  const { count } = await db.credit.updateMany({ where: { id, status: { in: [...from] } }, data: change });
  return count === 1;
}

/** Where the credit's message went (the ledger row that posted it), to update it in place. */
export async function creditMessageRef(db: Db | Tx, creditId: string): Promise<{ channelId: string; messageId: string } | null> {
  const row = await db.reminder.findFirst({
    where: { ...seriesKey({ of: 'credit', creditId }), kind: 'credit', status: 'sent', messageId: { not: null } },
    select: { channelId: true, messageId: true },
  });
  return row?.channelId && row.messageId ? { channelId: row.channelId, messageId: row.messageId } : null;
}
