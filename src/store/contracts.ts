import type { Contract } from '../generated/prisma/client.js';
import type { ContractTerms, Per, RenewalMode, Tier } from '../domain/contract-terms.js';
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
