import type { Contract } from '../generated/prisma/client.js';
import { deadlineOf, type ContractTerms, type Per, type RenewalMode, type Tier } from '../domain/contract-terms.js';
import { placeholders, providerOf } from './bulk-insert.js';
import type { Db, Tx } from './client.js';

export type { Contract };

export function termsOf(contract: Contract): ContractTerms {
  return {
    start: contract.start,
    end: contract.end,
    noticeDays: contract.noticeDays,
    renewal: contract.renewal as RenewalMode,
    termMonths: contract.termMonths,
    tier: contract.tier as Tier,
  };
}

export function perOf(contract: Contract): Per {
  return contract.per as Per;
}

export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

export async function findContract(db: Db | Tx, workspaceId: string, name: string): Promise<Contract | null> {
  return db.contract.findUnique({ where: { workspaceId_nameKey: { workspaceId, nameKey: nameKey(name) } } });
}

export async function findContractById(db: Db | Tx, workspaceId: string, id: string): Promise<Contract | null> {
  return db.contract.findFirst({ where: { id, workspaceId } });
}

export async function contractNames(db: Db | Tx, workspaceId: string): Promise<string[]> {
  const rows = await db.contract.findMany({ where: { workspaceId, status: { not: 'archived' } }, select: { name: true } });
  return rows.map((r) => r.name);
}

export async function activeContracts(db: Db | Tx, workspaceId: string): Promise<Contract[]> {
  return db.contract.findMany({ where: { workspaceId, status: 'active' }, orderBy: { end: 'asc' } });
}

/** One page of a workspace's active contracts, soonest notice deadline first (then by name), and how many there are. */
export async function activeContractsByDeadline(db: Db | Tx, workspaceId: string, page: { skip: number; take: number }): Promise<{ contracts: Contract[]; total: number }> {
  const [contracts, total] = await Promise.all([
    db.contract.findMany({ where: { workspaceId, status: 'active' }, orderBy: [{ deadline: 'asc' }, { nameKey: 'asc' }], skip: page.skip, take: page.take }),
    activeContractCount(db, workspaceId),
  ]);
  return { contracts, total };
}

/** The counts of `contractsFallingDue`, each from an index alone (Prisma's count reads the rows). */
const FALLING_DUE = `SELECT
  (SELECT CAST(count(*) AS INTEGER) FROM "Contract" WHERE "workspaceId" = ? AND "status" = 'active' AND "deadline" >= ? AND "deadline" <= ?) AS "deadlines",
  (SELECT CAST(count(*) AS INTEGER) FROM "Contract" WHERE "workspaceId" = ? AND "status" = 'active' AND "end" >= ? AND "end" <= ?) AS "ends",
  (SELECT CAST(count(*) AS INTEGER) FROM "Contract" WHERE "workspaceId" = ? AND "status" = 'active' AND "end" >= ? AND "end" <= ? AND "noticeDays" = 0) AS "withoutNotice"`;

/**
 * A workspace's active contracts whose notice deadline (with a notice period) or end falls in
 * [from, until]: the first `take` of each, soonest first (from the indexes on deadline and end), and
 * how many there are of each.
 */
export async function contractsFallingDue(
  db: Db | Tx,
  workspaceId: string,
  window: { from: string; until: string; take: number },
): Promise<{ byDeadline: Contract[]; byEnd: Contract[]; deadlines: number; ends: number }> {
  const active = { workspaceId, status: 'active' };
  const [byDeadline, byEnd, [counts]] = await Promise.all([
    db.contract.findMany({ where: { ...active, noticeDays: { gt: 0 }, deadline: { gte: window.from, lte: window.until } }, orderBy: [{ deadline: 'asc' }, { nameKey: 'asc' }], take: window.take }),
    db.contract.findMany({ where: { ...active, end: { gte: window.from, lte: window.until } }, orderBy: [{ end: 'asc' }, { nameKey: 'asc' }], take: window.take }),
    db.$queryRawUnsafe<{ deadlines: number; ends: number; withoutNotice: number }[]>(
      placeholders(FALLING_DUE, providerOf(db as Tx)), workspaceId, window.from, window.until, workspaceId, window.from, window.until, workspaceId, window.from, window.until,
    ),
  ]);
  // Without a notice period the deadline is the end: one event, counted with the ends.
  return { byDeadline, byEnd, deadlines: Number(counts!.deadlines) - Number(counts!.withoutNotice), ends: Number(counts!.ends) };
}

/** What a change may set on a contract (its identity and clock stamps are not the caller's). */
export type ContractChange = Partial<Omit<Contract, 'id' | 'workspaceId' | 'createdAt' | 'updatedAt' | 'createdBy'>>;

/**
 * Changes a contract; a new end or notice period moves its notice deadline with it, and a contract
 * becoming active or ceasing to be is counted in its workspace's `activeContracts`. Call it inside a
 * transaction when the status changes.
 */
export async function updateContract(tx: Db | Tx, id: string, change: Omit<ContractChange, 'deadline'>): Promise<Contract> {
  const termsChange = change.end !== undefined || change.noticeDays !== undefined;
  const before = change.status === undefined && !termsChange ? null : await tx.contract.findUnique({ where: { id }, select: { status: true, end: true, noticeDays: true } });
  const deadline = termsChange && before ? deadlineOf({ end: change.end ?? before.end, noticeDays: change.noticeDays ?? before.noticeDays }) : undefined;
  const updated = await tx.contract.update({ where: { id }, data: { ...change, ...(deadline !== undefined && { deadline }) } });
  const active = (status: string | undefined) => (status === 'active' ? 1 : 0);
  const moved = before && change.status !== undefined ? active(updated.status) - active(before.status) : 0;
  if (moved !== 0) await tx.workspace.update({ where: { id: updated.workspaceId }, data: { activeContracts: { increment: moved } } });
  return updated;
}

/** How many active contracts a workspace has (kept on the workspace: no count of the contracts). */
export async function activeContractCount(db: Db | Tx, workspaceId: string): Promise<number> {
  return (await db.workspace.findUnique({ where: { id: workspaceId }, select: { activeContracts: true } }))?.activeContracts ?? 0;
}

/** The names of these contracts, by id. */
export async function contractNamesById(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.contract.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((c) => [c.id, c.name]));
}

/** The contract a ledger row points at (its id is the row's own foreign key: no workspace scope needed). */
export async function contractOfRow(db: Db | Tx, contractId: string): Promise<Contract | null> {
  return db.contract.findUnique({ where: { id: contractId } });
}

/** Contracts by id (rows of the ledger point at them), one query. */
export async function contractsByIds(db: Db | Tx, ids: readonly string[]): Promise<Map<string, Contract>> {
  if (ids.length === 0) return new Map();
  const rows = await db.contract.findMany({ where: { id: { in: [...new Set(ids)] } } });
  return new Map(rows.map((c) => [c.id, c]));
}

/** `contractOfRow` where the row's contract must exist (the ledger keeps no row of a deleted contract). */
export async function requireContractOfRow(db: Db | Tx, contractId: string): Promise<Contract> {
  return db.contract.findUniqueOrThrow({ where: { id: contractId } });
}

/** Each contract's own channel (null: it posts to the workspace channel), by id. */
export async function channelsOfContracts(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.contract.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, channelId: true } });
  return new Map(rows.map((c) => [c.id, c.channelId]));
}

/** The channels a workspace's active contracts post to (the workspace channel for those without one). */
export async function activeContractChannels(db: Db | Tx, workspace: { id: string; defaultChannel: string | null }): Promise<string[]> {
  const rows = await db.contract.findMany({ where: { workspaceId: workspace.id, status: 'active' }, distinct: ['channelId'], select: { channelId: true } });
  return [...new Set(rows.map((r) => r.channelId ?? workspace.defaultChannel).filter((c): c is string => c !== null))];
}

/** The active contracts that post to `channelId`, by name. */
export async function activeContractsInChannel(db: Db | Tx, workspace: { id: string; defaultChannel: string | null }, channelId: string): Promise<Contract[]> {
  return db.contract.findMany({
    where: { workspaceId: workspace.id, status: 'active', OR: [{ channelId }, ...(workspace.defaultChannel === channelId ? [{ channelId: null }] : [])] },
    orderBy: { name: 'asc' },
  });
}

/**
 * Every contract (of one workspace, or of all), ordered by id, `pageSize` at a time: the next page is
 * read only when the caller asks for it, so memory stays flat whatever the number of contracts.
 */
export async function* contractPages(db: Db, workspaceId: string | undefined, pageSize: number): AsyncGenerator<Contract[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db.contract.findMany({
      where: workspaceId ? { workspaceId } : {},
      orderBy: { id: 'asc' },
      take: pageSize,
      ...(cursor && { cursor: { id: cursor }, skip: 1 }),
    });
    if (page.length === 0) return;
    yield page;
    cursor = page[page.length - 1]!.id;
  }
}
