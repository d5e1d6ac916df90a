import { compareDays } from '../../domain/days.js';
import { audit } from '../../store/decisions.js';
import { moveRoles, rolesOf, vendorContactsOf, type RoleHeld } from '../../store/contacts.js';
import { cancelHandover, planHandover } from '../../store/handover-ledger.js';
import { leavingDate, setLeaving } from '../../store/people.js';
import { count, day, mention } from '../../messages/format.js';
import { message, plain, type Block } from '../../messages/model.js';
import { encode } from '../../messages/payloads.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { daySchema, userMention } from '../values.js';
import { ensureAllowed } from '../authorise.js';
import { post, type Effect } from '../../effects/effect.js';

const LEAVING_EXAMPLE = '/contract leaving @alice on:2027-01-31';
const HANDOVER_EXAMPLE = '/contract handover @alice @bob';

function describeRoles(held: RoleHeld[]): string {
  const byContract = new Map<string, string[]>();
  for (const r of held) byContract.set(r.onContract.name, [...(byContract.get(r.onContract.name) ?? []), r.role]);
  return [...byContract].map(([name, roles]) => `• *${name}*: ${roles.join(', ')}`).join('\n');
}

function requireUser(text: string | undefined, example: string, what: string): string {
  const parsed = userMention.safeParse(text ?? '');
  if (!parsed.success) throw new UsageError(`Mention ${what}, like @alice.`, example);
  return parsed.data;
}

/** `/contract leaving <@U> on:<date>`: records the date and plans the handover reminders. */
export async function leavingCommand(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const today = todayOf(ctx);
  const options = parseOptions(tokens, { on: daySchema(today) }, LEAVING_EXAMPLE);
  const words = positionals(tokens);
  if (words.length !== 1) throw new UsageError('Mention exactly one person.', LEAVING_EXAMPLE);
  const userId = requireUser(words[0], LEAVING_EXAMPLE, 'the person who is leaving');
  if (!options.on) throw new UsageError('Give the leaving date with `on:`.', LEAVING_EXAMPLE);
  ensureAllowed(ctx, { kind: 'mark-leaving', person: userId }, { doing: `record when ${mention(userId)} leaves`, person: userId });
  if (compareDays(options.on, today) < 0) {
    return {
      reply: message(`${options.on} is in the past. Confirm that this person has already left?`, {
        type: 'section', text: `${day(options.on)} is in the past. Has ${mention(userId)} already left? Confirming starts the weekly reminders for their roles without a successor.`,
      }, { type: 'actions', buttons: [{ action: 'leaving.confirm', label: `Yes, left on ${options.on}`, value: encode({ u: userId, d: options.on }), style: 'danger' }] }),
    };
  }
  return recordLeaving(ctx, userId, options.on);
}

export async function recordLeaving(ctx: CommandContext, userId: string, leavingOn: string): Promise<CommandResult> {
  ensureAllowed(ctx, { kind: 'mark-leaving', person: userId }, { doing: `record when ${mention(userId)} leaves`, person: userId });
  const today = todayOf(ctx);
  const held = await rolesOf(ctx.db, ctx.workspace.id, userId);
  const channels = await ctx.db.$transaction(async (tx) => {
    await setLeaving(tx, ctx.workspace.id, userId, leavingOn);
    await audit(tx, { workspaceId: ctx.workspace.id, contractId: null, actorId: ctx.userId, action: 'person.leaving', detail: { userId, leavingOn }, at: ctx.now });
    return held.length > 0 ? planHandover(tx, ctx.workspace, userId, leavingOn, today) : [];
  });
  if (held.length === 0) return { reply: plain(`Noted: ${mention(userId)} leaves on ${leavingOn}. They hold no roles on any contract, so there is nothing to hand over.`) };
  return {
    reply: message(`Noted: ${mention(userId)} leaves on ${leavingOn}; ${held.length} role${held.length === 1 ? '' : 's'} to hand over before then.`, {
      type: 'section',
      text: `Noted: ${mention(userId)} leaves on *${day(leavingOn)}*. They hold these roles:\n${describeRoles(held)}\nHandover reminders go to ${channels.map((c) => `<#${c}>`).join(', ') || 'the workspace channel'} 30, 14, 7 and 1 days before, then weekly while a role has no successor. Hand everything over at once with \`/contract handover ${mention(userId)} @successor\`.`,
    }),
  };
}

/** `/contract handover <@from> <@to>`: every role of `from` moves to `to`, on all contracts. */
export async function handoverCommand(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  if (tokens.some((t) => t.key !== undefined)) throw new UsageError('`/contract handover` takes two mentions and no options.', HANDOVER_EXAMPLE);
  const words = positionals(tokens);
  if (words.length !== 2) throw new UsageError('Mention who hands over, then who takes over.', HANDOVER_EXAMPLE);
  const from = requireUser(words[0], HANDOVER_EXAMPLE, 'who hands over');
  const to = requireUser(words[1], HANDOVER_EXAMPLE, 'the successor');
  return handOver(ctx, from, to, null);
}

/** The person handing over, or an approver; once the leaver has gone and nobody can approve, anyone (openly). */
export async function ensureMayHandOver(ctx: CommandContext, from: string): Promise<{ onBehalfOf: boolean }> {
  const leavingOn = await leavingDate(ctx.db, ctx.workspace.id, from);
  return ensureAllowed(ctx, { kind: 'hand-over', from, leavingOn, today: todayOf(ctx) }, { doing: `hand over the roles of ${mention(from)}`, person: from });
}

/** Moves roles (on some contracts, or all), audits, announces, and drafts the note to the vendor. */
export async function handOver(ctx: CommandContext, from: string, to: string, contractIds: string[] | null): Promise<CommandResult> {
  if (from === to) throw new UsageError('Someone cannot hand over to themselves: name a different successor.', HANDOVER_EXAMPLE);
  const { onBehalfOf } = await ensureMayHandOver(ctx, from);
  const successor = await ctx.directory?.lookup(to);
  if (successor?.isBot) throw new UsageError(`${mention(to)} is a bot; name a person as successor.`, HANDOVER_EXAMPLE);
  const today = todayOf(ctx);
  const moved = await ctx.db.$transaction(async (tx) => {
    const held = await moveRoles(tx, ctx.workspace.id, from, to, contractIds);
    for (const contractId of new Set(held.map((r) => r.onContract.id))) {
      const roles = held.filter((r) => r.onContract.id === contractId).map((r) => r.role);
      await audit(tx, { workspaceId: ctx.workspace.id, contractId, actorId: ctx.userId, action: 'contact.handover', detail: { from, to, roles }, at: ctx.now });
    }
    const remaining = await rolesOf(tx, ctx.workspace.id, from);
    if (remaining.length === 0) await cancelHandover(tx, ctx.workspace.id, from);
    return held;
  });
  if (moved.length === 0) throw new UsageError(`${mention(from)} holds no roles on ${contractIds ? 'that contract' : 'any contract'}; nothing to hand over.`, HANDOVER_EXAMPLE);

  const blocks: Block[] = [{ type: 'section', text: `Handed over from ${mention(from)} to ${mention(to)}:\n${describeRoles(moved)}` }];
  const contracts = [...new Map(moved.map((r) => [r.onContract.id, r.onContract])).values()];
  const effects: Effect[] = [];
  for (const contract of contracts) {
    const roles = moved.filter((r) => r.onContract.id === contract.id).map((r) => r.role).join(', ');
    const channelId = contract.channelId ?? ctx.workspace.defaultChannel;
    if (channelId) {
      const text = `Handover on ${contract.name}: ${mention(to)} takes over ${roles} from ${mention(from)}${onBehalfOf ? ` (assigned by ${mention(ctx.userId)})` : ''}.`;
      // The fallback keeps the mentions: Slack notifies them, Teams writes them as @Name.
      effects.push(post(channelId, message(text, { type: 'section', text: `🔁 ${text}` }), `the handover on ${contract.name}`));
    }
    const vendor = await vendorContactsOf(ctx.db, contract.id);
    const addressees = vendor.length > 0 ? vendor.map((c) => `${c.name}${c.email ? ` <${c.email}>` : ''}`).join(', ') : `${contract.vendor} (no vendor contacts on record: add them with /contract contact)`;
    const successorName = successor?.displayName ?? mention(to);
    blocks.push({
      type: 'section',
      text: `*Note to send to the vendor about ${contract.name}* — to ${addressees}:\n\`\`\`Hello,\nfrom ${today}, ${successorName} is our contact for "${contract.name}" (${roles}), taking over from ${(await ctx.directory?.lookup(from))?.displayName ?? mention(from)}. Please update your records and copy them on anything about this contract. We would like to set up a short introduction meeting.\`\`\``,
    });
  }
  const leaving = await leavingDate(ctx.db, ctx.workspace.id, from);
  if (leaving && (await rolesOf(ctx.db, ctx.workspace.id, from)).length === 0) {
    blocks.push({ type: 'context', text: `${mention(from)} holds no roles any more: no further handover reminders.` });
  }
  return { reply: message(`Handed over ${count(moved.length, 'role')} on ${count(contracts.length, 'contract')} from ${mention(from)} to ${mention(to)}.`, ...blocks), effects };
}
