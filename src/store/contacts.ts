import type { Contact } from '../generated/prisma/client.js';
import type { Role } from '../domain/handover.js';
import type { Db, Tx } from './client.js';
import type { Contract } from './contracts.js';

export type { Contact };

/** A role someone holds, and the contract they hold it on. */
export interface RoleHeld {
  onContract: Contract;
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
    ...owned.map((contract) => ({ onContract: contract, role: 'owner' as Role })),
    ...contacts.filter((c) => byId.has(c.contractId)).map((c) => ({ onContract: byId.get(c.contractId)!, role: c.role as Role })),
  ].sort((a, b) => a.onContract.name.localeCompare(b.onContract.name) || a.role.localeCompare(b.role));
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

/** The escalation contacts on record of these contracts, by contract id and level (the first of each); one query. */
export async function escalationContacts(db: Db | Tx, contractIds: readonly string[]): Promise<Map<string, Map<number, Contact>>> {
  const byContract = new Map<string, Map<number, Contact>>(contractIds.map((id) => [id, new Map()]));
  if (contractIds.length === 0) return byContract;
  const contacts = await db.contact.findMany({ where: { contractId: { in: [...byContract.keys()] }, role: { startsWith: 'escalation-' } }, orderBy: { createdAt: 'asc' } });
  for (const c of contacts) {
    const levels = byContract.get(c.contractId)!;
    const level = Number(c.role.slice('escalation-'.length));
    if (!levels.has(level)) levels.set(level, c);
  }
  return byContract;
}

/**
 * Moves every role of `from` to `to` on the given contracts (all of theirs when null), inside the
 * caller's transaction. A role `to` already holds is not duplicated.
 */
export async function moveRoles(tx: Tx, workspaceId: string, from: string, to: string, contractIds: string[] | null): Promise<RoleHeld[]> {
  const held = (await rolesOf(tx, workspaceId, from)).filter((r) => contractIds === null || contractIds.includes(r.onContract.id));
  for (const { onContract: contract, role } of held) {
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

/** A vendor contact of the contract in that role, by name. */
export async function findVendorContact(db: Db | Tx, contractId: string, role: string, name: string): Promise<Contact | null> {
  return db.contact.findFirst({ where: { contractId, kind: 'vendor', role, name: { equals: name } } });
}

/** Adds a vendor contact, or updates `existing` (the same role and name) with the new details. */
export async function saveVendorContact(
  tx: Db | Tx,
  existing: Contact | null,
  contact: { workspaceId: string; contractId: string; role: string; name: string; email: string | null; phone: string | null },
): Promise<void> {
  const details = { email: contact.email, phone: contact.phone };
  if (existing) await tx.contact.update({ where: { id: existing.id }, data: details });
  else await tx.contact.create({ data: { workspaceId: contact.workspaceId, contractId: contact.contractId, role: contact.role, kind: 'vendor', name: contact.name, ...details } });
}

/** One of your people in a role of the contract. */
export async function findInternalContact(db: Db | Tx, contractId: string, role: string, userId: string): Promise<Contact | null> {
  return db.contact.findFirst({ where: { contractId, role, userId } });
}

export async function addInternalContact(tx: Db | Tx, contact: { workspaceId: string; contractId: string; role: string; userId: string; name: string | null }): Promise<void> {
  await tx.contact.create({ data: { workspaceId: contact.workspaceId, contractId: contact.contractId, role: contact.role, kind: 'internal', userId: contact.userId, name: contact.name } });
}

/** Removes a vendor contact (by name) or a person's roles on the contract, one role or all; how many went. */
export async function removeContacts(db: Db | Tx, of: { contractId: string; role?: string | undefined; vendorName?: string; userId?: string }): Promise<number> {
  const who = of.vendorName !== undefined ? { kind: 'vendor', name: of.vendorName } : { userId: of.userId! };
  const { count } = await db.contact.deleteMany({ where: { contractId: of.contractId, ...(of.role && { role: of.role }), ...who } });
  return count;
}
