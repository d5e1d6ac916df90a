import { annualValue, deadlineOf, type Per } from '../../domain/contract-terms.js';
import { compareDays } from '../../domain/days.js';
import { findContract, nameKey, termsOf, updateContract, type Contract } from '../../store/contracts.js';
import { audit, currentDecision } from '../../store/decisions.js';
import { replanContract } from '../../store/reminder-ledger.js';
import { message } from '../../messages/model.js';
import { channel, day, daysLeft, mention, months } from '../../messages/format.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { ensureAllowed } from '../authorise.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { contractName } from '../values.js';
import { isUniqueViolation } from '../../store/unique-violation.js';
import { contractFieldSpec } from './fields.js';
import { requireContract } from './lookup.js';
import { describePlan } from './add.js';

const EXAMPLE = '/contract edit "Globex Support" notice:90d value:15000';

/** How a changed column is named and shown in the reply and the audit trail (the `/contract add` key). */
const CHANGE_LABELS: Record<string, [string, (v: unknown) => string]> = {
  name: ['name', String],
  vendor: ['vendor', String],
  start: ['start', (v) => day(String(v))],
  end: ['end', (v) => day(String(v))],
  noticeDays: ['notice', (v) => `${String(v)} day${v === 1 ? '' : 's'}`],
  renewal: ['renewal', String],
  termMonths: ['term', (v) => months(Number(v))],
  value: ['value', String],
  currency: ['currency', String],
  per: ['per', String],
  tier: ['tier', String],
  ownerId: ['owner', (v) => mention(String(v))],
  channelId: ['channel', (v) => channel(String(v))],
  services: ['services', String],
  departments: ['departments', String],
};

/** Changes fields; the reminder ladder is re-planned (reminders already sent are not repeated). */
export async function editContract(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const today = todayOf(ctx);
  const spec = { ...contractFieldSpec(today), name: contractName };
  const options = parseOptions(tokens, spec, EXAMPLE);
  const contract = await requireContract(ctx, positionals(tokens).join(' '), EXAMPLE);
  if (Object.keys(options).length === 0) throw new UsageError('Nothing to change: give one or more `key:value` options.', EXAMPLE);
  if (contract.status !== 'active') throw new UsageError(`*${contract.name}* is ${contract.status}; it can no longer be edited.`);

  const newOwner = options.owner !== undefined && options.owner !== contract.ownerId;
  if (newOwner) ensureAllowed(ctx, { kind: 'change-owner', contract }, { doing: 'give it a new owner', contract });
  const annualBefore = annualValue(contract.value, contract.per as Per);
  const annualAfter = annualValue(options.value ?? contract.value, options.per ?? (contract.per as Per));
  const threshold = ctx.workspace.threshold;
  const lowersBelowThreshold = threshold !== null && annualBefore !== null && annualBefore >= threshold && (annualAfter === null || annualAfter < threshold);
  if (Object.keys(options).some((k) => k !== 'owner')) ensureAllowed(ctx, { kind: 'edit', contract, lowersBelowThreshold }, { doing: 'edit it', contract });
  const data: Partial<Contract> = {};
  if (options.name !== undefined && nameKey(options.name) !== contract.nameKey) {
    if (await findContract(ctx.db, ctx.workspace.id, options.name)) throw new UsageError(`A contract named *${options.name}* already exists.`, EXAMPLE);
    Object.assign(data, { name: options.name, nameKey: nameKey(options.name) });
  } else if (options.name !== undefined) data.name = options.name;
  const map = { vendor: 'vendor', end: 'end', start: 'start', notice: 'noticeDays', renewal: 'renewal', term: 'termMonths', value: 'value', currency: 'currency', per: 'per', tier: 'tier', owner: 'ownerId', channel: 'channelId', services: 'services', departments: 'departments' } as const;
  for (const [key, column] of Object.entries(map)) {
    const value = options[key as keyof typeof map];
    if (value !== undefined) Object.assign(data, { [column]: value });
  }
  const next = { ...contract, ...data };
  if (next.start && compareDays(next.start, next.end) >= 0) throw new UsageError(`The start ${next.start} must be before the end ${next.end}.`, EXAMPLE);
  if (compareDays(next.end, today) < 0) throw new UsageError(`The end ${next.end} is in the past.`, EXAMPLE);

  const changes = Object.keys(data)
    .filter((k) => k !== 'nameKey' && data[k as keyof Contract] !== contract[k as keyof Contract])
    .map((k) => {
      const [label, show] = CHANGE_LABELS[k] ?? [k, String];
      const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : show(v));
      return `${label}: ${shown(contract[k as keyof Contract])} → ${shown(data[k as keyof Contract])}`;
    });
  try {
    const { updated, plan } = await ctx.db.$transaction(async (tx) => {
      // A decided cycle is over once the dates move: the new dates start a fresh cycle of reminders.
      const datesMoved = data.end !== undefined && data.end !== contract.end;
      const decided = datesMoved && (await currentDecision(tx, contract.id, contract.cycle)) !== null;
      const updated = await updateContract(tx, contract.id, { ...data, ...(decided && { cycle: contract.cycle + 1, snoozedUntil: null }) });
      const plan = await replanContract(tx, updated, ctx.workspace, today);
      await audit(tx, { workspaceId: contract.workspaceId, contractId: contract.id, actorId: ctx.userId, action: 'contract.edited', detail: { changes, cycle: contract.cycle, annualBefore }, at: ctx.now });
      return { updated, plan };
    });
    const deadline = deadlineOf(termsOf(updated));
    const text = `Updated ${updated.name}: ${changes.join('; ')}. Notice deadline ${deadline}.`;
    return {
      reply: message(text, {
        type: 'section',
        text: `Updated *${updated.name}*:\n${changes.map((c) => `• ${c}`).join('\n')}\nNotice deadline: *${day(deadline)}*, ${daysLeft(todayOf(ctx), deadline)}.\n${describePlan(plan, ctx.workspace.timezone, updated.channelId ?? ctx.workspace.defaultChannel)}`,
      }),
    };
  } catch (error) {
    if (isUniqueViolation(error)) throw new UsageError(`A contract with that name already exists.`, EXAMPLE);
    throw error;
  }
}
