import type { Contact } from '../generated/prisma/client.js';
import type { Role } from '../domain/handover.js';
import type { Db, Tx } from './client.js';
import type { Contract } from './contracts.js';

export type { Contact };

export interface RoleHeld {
  contract: Contract;
  role: Role;
}

/** Every role a user holds on the workspace's active contracts: ownership and contact roles. */
export async function rolesOf(db: Db | Tx, workspaceId: string, userId: string): Promise<RoleHeld[]> {
  const owned = await db.contract.findMany({ where: { workspaceId, ownerId: userId, status: 'active' }, orderBy: { name: 'asc' } });
  const contacts = await db.contact.findMany({ where: { workspaceId, userId, kind: 'internal' } });
  const others = contacts.length
    ? await db.contract.findMany({ where: { workspaceId, status: 'active', id: { in: contacts.map((c) => c.contractId) } } })
    : [];
  const byId = new Map(others.map((c) => [c.id, c]));
  return [
    ...owned.map((contract) => ({ contract, role: 'owner' as Role })),
    ...contacts.filter((c) => byId.has(c.contractId)).map((c) => ({ contract: byId.get(c.contractId)!, role: c.role as Role })),
  ].sort((a, b) => a.contract.name.localeCompare(b.contract.name) || a.role.localeCompare(b.role));
}

export async function contactsOf(db: Db | Tx, contractId: string): Promise<Contact[]> {
  return db.contact.findMany({ where: { contractId }, orderBy: [{ role: 'asc' }, { createdAt: 'asc' }] });
}

export async function vendorContactsOf(db: Db | Tx, contractId: string): Promise<Contact[]> {
  return db.contact.findMany({ where: { contractId, kind: 'vendor' }, orderBy: [{ role: 'asc' }, { createdAt: 'asc' }] });
}

/** The escalation contact of a level, if one is on record. */
export async function escalationContact(db: Db | Tx, contractId: string, level: number): Promise<Contact | null> {
  return db.contact.findFirst({ where: { contractId, role: `escalation-${level}` }, orderBy: { createdAt: 'asc' } });
}

/**
 * Moves every role of `from` to `to` on the given contracts (all of theirs when null), inside the
 * caller's transaction. A role `to` already holds is not duplicated.
 */
export async function moveRoles(tx: Tx, workspaceId: string, from: string, to: string, contractIds: string[] | null): Promise<RoleHeld[]> {
  const held = (await rolesOf(tx, workspaceId, from)).filter((r) => contractIds === null || contractIds.includes(r.contract.id));
  for (const { contract, role } of held) {
    if (role === 'owner') {
      await tx.contract.update({ where: { id: contract.id }, data: { ownerId: to } });
      continue;
    }
    const duplicate = await tx.contact.findFirst({ where: { contractId: contract.id, role, userId: to } });
    if (duplicate) await tx.contact.deleteMany({ where: { contractId: contract.id, role, userId: from } });
    else await tx.contact.updateMany({ where: { contractId: contract.id, role, userId: from }, data: { userId: to } });
  }
  return held;
}
