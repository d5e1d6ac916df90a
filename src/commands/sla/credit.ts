import { z } from 'zod';
import { creditTransition, roundToCents, type CreditAction, type CreditState } from '../../domain/credits.js';
import { vendorContactsOf } from '../../store/contacts.js';
import { findContractById, type Contract } from '../../store/contracts.js';
import { changeCredit, creditLabel, creditMessageRef, creditNumber, findCredit, findCreditById, stateOf, type Credit, type CreditChange } from '../../store/credits.js';
import { audit } from '../../store/decisions.js';
import { creditCard, monthTitle } from '../../messages/credit.js';
import { cents } from '../../messages/format.js';
import { plain } from '../../messages/model.js';
import { update, type Effect } from '../../effects/effect.js';
import { ensureAllowed } from '../authorise.js';
import { todayOf, type CommandContext, type CommandResult, type MessageRef } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions, positionals } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import { money } from '../values.js';

export const CREDIT_EXAMPLE = '/sla credit C-3 credited amount:250';
const ACTIONS: readonly CreditAction[] = ['claimed', 'credited', 'rejected', 'waived'];
const DONE: Record<CreditAction, string> = { claimed: 'claim sent', credited: 'credited', rejected: 'rejected by the vendor', waived: 'waived' };

/** A positive amount, as `value:` takes it (12,000.50). */
export const creditedAmount = money.refine((n) => n > 0, { error: 'must be more than 0' });

/** `/sla credit <id> claimed|credited|rejected|waived [amount:<n>]`: the text twin of the credit buttons. */
export async function creditCommand(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const options = parseOptions(tokens, { amount: creditedAmount }, CREDIT_EXAMPLE);
  const words = positionals(tokens);
  if (words.length === 0) throw new UsageError('Which credit? Give its id and what happened, like `C-3 claimed`.', CREDIT_EXAMPLE);
  const [id, what, ...rest] = words;
  const number = creditNumber(id!);
  if (number === null) throw new UsageError(`\`${id!.slice(0, 20)}\` is not a credit id; ids look like C-3.`, CREDIT_EXAMPLE);
  const action = what?.toLowerCase() as CreditAction | undefined;
  if (!action || !ACTIONS.includes(action)) throw new UsageError(`Say what happened to C-${number}: claimed, credited, rejected or waived.`, CREDIT_EXAMPLE);
  if (rest.length > 0) throw new UsageError(`Unexpected \`${rest[0]!.slice(0, 30)}\`.`, CREDIT_EXAMPLE);
  if (options.amount !== undefined && action !== 'credited') throw new UsageError('`amount:` is what the vendor credited: it goes with `credited`.', CREDIT_EXAMPLE);
  const credit = await findCredit(ctx.db, ctx.workspace.id, number);
  if (!credit) throw new UsageError(`Credit C-${number} was not found. \`/sla credits all\` lists them.`, CREDIT_EXAMPLE);
  return moveCredit(ctx, credit, action, options.amount ?? null, null);
}

/** A credit by the id a button or form carried, in the clicker's workspace only (another workspace's id is "not found"). */
export async function creditForClick(ctx: CommandContext, creditId: string): Promise<{ credit: Credit; contract: Contract }> {
  const credit = await findCreditById(ctx.db, ctx.workspace.id, creditId);
  const contract = credit ? await findContractById(ctx.db, ctx.workspace.id, credit.contractId) : null;
  if (!credit || !contract) throw new UsageError('That service credit was not found.');
  return { credit, contract };
}

/** Refused before a form opens (Credited asks the amount), not after it was filled in. */
export async function ensureMayManageCredit(ctx: CommandContext, creditId: string): Promise<Credit> {
  const { credit, contract } = await creditForClick(ctx, creditId);
  ensureAllowed(ctx, { kind: 'manage-credit', contract }, { doing: `record what happened to service credit ${creditLabel(credit)}`, contract });
  return credit;
}

/** The buttons and the Credited form: the same rule and the same change as the text twin. */
export async function creditButton(ctx: CommandContext, creditId: string, action: CreditAction, amount: number | null, origin: MessageRef | null): Promise<CommandResult> {
  const { credit } = await creditForClick(ctx, creditId);
  return moveCredit(ctx, credit, action, amount, origin);
}

async function moveCredit(ctx: CommandContext, credit: Credit, action: CreditAction, amount: number | null, origin: MessageRef | null): Promise<CommandResult> {
  const contract = await findContractById(ctx.db, ctx.workspace.id, credit.contractId);
  if (!contract) throw new UsageError('That service credit was not found.');
  const label = creditLabel(credit);
  ensureAllowed(ctx, { kind: 'manage-credit', contract }, { doing: `record what happened to service credit ${label}`, contract });
  const from = stateOf(credit);
  const allowed = creditTransition(from, action);
  if (!allowed.ok) return { reply: plain(refusal(credit, from, action, allowed.reason)) };
  if (action === 'credited' && amount === null && credit.amount === null) {
    throw new UsageError(`How much did ${contract.vendor} credit? ${label} has no amount (the contract has no value): give \`amount:\`.`, `/sla credit ${label} credited amount:250`);
  }
  const recovered = action === 'credited' ? roundToCents(amount ?? credit.amount!) : null;
  const change: CreditChange = action === 'claimed'
    ? { status: 'claimed', claimedBy: ctx.userId, claimedAt: ctx.now }
    : { status: action, settledBy: ctx.userId, settledAt: ctx.now, ...(recovered !== null && { recovered }) };
  const moved = await ctx.db.$transaction(async (tx) => {
    if (!(await changeCredit(tx, credit.id, [from], change))) return false;
    await audit(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, actorId: ctx.userId, action: `credit.${action}`, detail: { credit: label, month: credit.month, ...(recovered !== null && { recovered }) }, at: ctx.now });
    return true;
  });
  const fresh = (await findCreditById(ctx.db, ctx.workspace.id, credit.id))!;
  if (!moved) return { reply: plain(`${label} changed meanwhile: it is ${stateOf(fresh)} now. Nothing else was changed.`), effects: await refreshCard(ctx, fresh, contract, origin) };
  const what = action === 'credited' ? `credited ${cents(recovered!, credit.currency)}` : DONE[action];
  return { reply: plain(`${label} (${contract.name}, ${monthTitle(credit.month)}): ${what}.`), effects: await refreshCard(ctx, fresh, contract, origin) };
}

function refusal(credit: Credit, from: CreditState, action: CreditAction, reason: 'same' | 'settled' | 'not-claimed'): string {
  const label = creditLabel(credit);
  if (reason === 'not-claimed') return `${label} was never claimed, so the vendor cannot have rejected it. Nothing was changed.`;
  if (reason === 'same' || from === action) return `${label} is already ${from}. Nothing was changed.`;
  return `${label} is ${from} already; it cannot become ${action}. Nothing was changed.`;
}

/** The credit's card, updated in place where it was posted and where it was clicked (a claim reminder). */
async function refreshCard(ctx: CommandContext, credit: Credit, contract: Contract, origin: MessageRef | null): Promise<Effect[]> {
  const card = creditCard(credit, contract, { timezone: ctx.workspace.timezone, today: todayOf(ctx), contacts: await vendorContactsOf(ctx.db, contract.id) });
  const posted = await creditMessageRef(ctx.db, credit.id);
  const targets = [posted, origin].filter((ref): ref is MessageRef => ref !== null);
  const unique = targets.filter((ref, i) => targets.findIndex((r) => r.channelId === ref.channelId && r.messageId === ref.messageId) === i);
  return unique.map((ref) => update(ref.channelId, ref.messageId, card, `service credit ${creditLabel(credit)}`));
}

/** The amount the Credited form offers first: what is owed. */
export function suggestedAmount(credit: Credit): string {
  return credit.amount === null ? '' : credit.amount.toFixed(2);
}

export const amountField = z.string().trim().pipe(creditedAmount);
