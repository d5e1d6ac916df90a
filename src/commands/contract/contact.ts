import { z } from 'zod';
import { ROLES, type Role } from '../../domain/handover.js';
import { addInternalContact, findInternalContact, findVendorContact, removeContacts, saveVendorContact } from '../../store/contacts.js';
import { updateContract } from '../../store/contracts.js';
import { audit } from '../../store/decisions.js';
import { mention } from '../../messages/format.js';
import { message, plain } from '../../messages/model.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { userMention, vendorName } from '../values.js';
import { requireContract } from './lookup.js';
import { ensureAllowed } from '../authorise.js';
import { post } from '../../effects/effect.js';

const EXAMPLE = '/contract contact "Globex Support" add vendor "Jane Roe" role:account-manager email:jane@globex.example phone:+1-555-0100';
const REMOVE_EXAMPLE = '/contract contact "Globex Support" remove vendor "Jane Roe"';
const INTERNAL_EXAMPLE = '/contract contact "Globex Support" add @alice role:escalation-1';

const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
const spec = {
  role,
  email: z.email({ error: 'must be an email address like jane@globex.example' }).max(120),
  phone: z.string().regex(/^\+?[0-9][0-9 ()./-]{3,28}$/, { error: 'must be a phone number like +1-555-0100' }),
};

/**
 * `/contract contact <name> add vendor "<person>" role: [email:] [phone:]`,
 * `/contract contact <name> add <@U> role:`, and `… remove <@U>|"<person>" [role:]`.
 */
export async function contactCommand(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const options = parseOptions(tokens, spec, EXAMPLE);
  const words = positionals(tokens);
  const verbAt = words.findIndex((w) => w.toLowerCase() === 'add' || w.toLowerCase() === 'remove');
  if (verbAt < 1) throw new UsageError('Name the contract, then `add` or `remove`.', EXAMPLE);
  const contract = await requireContract(ctx, words.slice(0, verbAt).join(' '), EXAMPLE);
  const verb = words[verbAt]!.toLowerCase();
  const rest = words.slice(verbAt + 1);
  const vendor = rest[0]?.toLowerCase() === 'vendor';
  const who = vendor ? rest.slice(1).join(' ') : rest.join(' ');
  if (!who) throw new UsageError(vendor ? 'Give the vendor contact\'s name in quotes.' : 'Give the person: a mention, or `vendor "Name"`.', vendor ? EXAMPLE : INTERNAL_EXAMPLE);

  // Who holds a role is part of the contract: the owner role by the owner rule, the others like any edit.
  if (options.role === 'owner' && verb === 'add' && !vendor) ensureAllowed(ctx, { kind: 'change-owner', contract }, { doing: 'give it a new owner', contract });
  else ensureAllowed(ctx, { kind: 'edit', contract }, { doing: 'change its contacts', contract });
  if (verb === 'remove') return removeContact(ctx, contract.id, contract.name, vendor, who, options.role);
  if (!options.role) throw new UsageError('Give the role with `role:`.', vendor ? EXAMPLE : INTERNAL_EXAMPLE);

  if (vendor) {
    const name = vendorName.safeParse(who);
    if (!name.success) throw new UsageError(`The contact name ${name.error.issues[0]?.message}.`, EXAMPLE);
    if (options.role === 'owner') throw new UsageError('The owner is one of your people, not the vendor\'s: `/contract contact … add @alice role:owner`.', INTERNAL_EXAMPLE);
    const existing = await findVendorContact(ctx.db, contract.id, options.role, name.data);
    const changed = await ctx.db.$transaction(async (tx) => {
      await saveVendorContact(tx, existing, {
        workspaceId: ctx.workspace.id, contractId: contract.id, role: options.role!, name: name.data,
        email: options.email ?? existing?.email ?? null, phone: options.phone ?? existing?.phone ?? null,
      });
      await audit(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, actorId: ctx.userId, action: existing ? 'contact.updated' : 'contact.added', detail: { role: options.role, name: name.data }, at: ctx.now });
      return existing ? 'updated' : 'added';
    });
    const details = [options.email, options.phone].filter(Boolean).join(', ');
    const notice = `Vendor contact ${changed} on *${contract.name}*: ${name.data} (${options.role})${details ? `, ${details}` : ''} — by ${mention(ctx.userId)}.`;
    const channelId = contract.channelId ?? ctx.workspace.defaultChannel;
    return {
      reply: plain(`${name.data} is now ${options.role} for ${contract.name} (vendor contact ${changed}).`),
      effects: channelId ? [post(channelId, message(notice.replace(/\*/g, ''), { type: 'section', text: notice }), `the contact change on ${contract.name}`)] : [],
    };
  }

  const user = userMention.safeParse(who);
  if (!user.success) throw new UsageError('Mention the person, like @alice (or add a vendor contact with `vendor "Name"`).', INTERNAL_EXAMPLE);
  const info = await ctx.directory?.lookup(user.data);
  if (info?.isBot) throw new UsageError(`${mention(user.data)} is a bot; contacts are people.`, INTERNAL_EXAMPLE);
  if (options.role === 'owner') {
    await ctx.db.$transaction(async (tx) => {
      await updateContract(tx, contract.id, { ownerId: user.data });
      await audit(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, actorId: ctx.userId, action: 'contact.owner', detail: { from: contract.ownerId, to: user.data }, at: ctx.now });
    });
    return { reply: plain(`${mention(user.data)} now owns ${contract.name} (was ${mention(contract.ownerId)}).`) };
  }
  const existing = await findInternalContact(ctx.db, contract.id, options.role, user.data);
  if (existing) return { reply: plain(`${mention(user.data)} is already ${options.role} for ${contract.name}.`) };
  await ctx.db.$transaction(async (tx) => {
    await addInternalContact(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, role: options.role!, userId: user.data, name: info?.displayName ?? null });
    await audit(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, actorId: ctx.userId, action: 'contact.added', detail: { role: options.role, userId: user.data }, at: ctx.now });
  });
  return { reply: plain(`${mention(user.data)} is now ${options.role} for ${contract.name}.`) };
}

async function removeContact(ctx: CommandContext, contractId: string, contractName: string, vendor: boolean, who: string, onlyRole: Role | undefined): Promise<CommandResult> {
  const user = vendor ? null : userMention.safeParse(who);
  if (user && !user.success) throw new UsageError('Mention the person to remove, or use `vendor "Name"`.', EXAMPLE);
  const count = await removeContacts(ctx.db, { contractId, role: onlyRole, ...(vendor ? { vendorName: who } : { userId: user!.data! }) });
  if (count === 0) throw new UsageError(`No such contact on *${contractName}*${onlyRole ? ` with the role ${onlyRole}` : ''} (the owner is changed with \`/contract edit … owner:@…\`). \`/contract show ${contractName}\` lists them.`, REMOVE_EXAMPLE);
  await audit(ctx.db, { workspaceId: ctx.workspace.id, contractId, actorId: ctx.userId, action: 'contact.removed', detail: { who, role: onlyRole ?? null }, at: ctx.now });
  return { reply: plain(`Removed ${count} contact role(s) of ${vendor ? who : mention(user!.data!)} from ${contractName}.`) };
}
