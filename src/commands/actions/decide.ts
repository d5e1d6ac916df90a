import { deadlineOf, nextTerm } from '../../domain/contract-terms.js';
import { needsSecondApprover, type Choice, type DecisionPolicy } from '../../domain/decision-rules.js';
import { ensureAllowed } from '../authorise.js';
import { highestAnnualValueOfCycle } from '../../store/value-history.js';
import type { Tx } from '../../store/client.js';
import { findContractById, termsOf, updateContract, type Contract } from '../../store/contracts.js';
import { audit, currentDecision, findDecision, settlePending, takeDecisionSlot, type Decision } from '../../store/decisions.js';
import { lastPostedRenewal, replanContract } from '../../store/reminder-ledger.js';
import { amount, mention } from '../../messages/format.js';
import { message, plain } from '../../messages/model.js';
import { CHOICE_LABELS, decisionLine } from '../../messages/renewal.js';
import { noteOf, reminderMessage } from '../../messages/reminder-card.js';
import { terminationNotice } from '../../messages/termination.js';
import { vendorContactsOf } from '../../store/contacts.js';
import { todayOf, type CommandContext, type CommandResult, type MessageRef } from '../context.js';
import { UsageError } from '../errors.js';
import { isUniqueViolation } from '../../store/unique-violation.js';
import { post, type Effect } from '../../effects/effect.js';
import { reminderCardUpdate } from './reminder-card.js';
import { closeSurveyAtDecision } from '../contract/survey.js';

function policyOf(ctx: CommandContext, contract: Contract): DecisionPolicy {
  return { ownerId: contract.ownerId, approvers: ctx.workspace.approvers, threshold: ctx.workspace.threshold };
}

/**
 * Records a renewal decision (button or `/contract decide`). At or above the approval threshold the
 * decision waits for a second, different approver.
 */
export async function decide(ctx: CommandContext, contractId: string, cycle: number | null, choice: Choice, origin: MessageRef | null): Promise<CommandResult> {
  const contract = await findContractById(ctx.db, ctx.workspace.id, contractId);
  if (!contract) throw new UsageError('That contract no longer exists.');
  if (contract.status !== 'active') throw new UsageError(`*${contract.name}* is ${contract.status}; there is nothing to decide.`);
  if (cycle !== null && cycle !== contract.cycle) throw new UsageError(`This reminder belongs to an earlier term of *${contract.name}*; see \`/contract show ${contract.name}\`.`);
  const policy = policyOf(ctx, contract);
  ensureAllowed(ctx, { kind: 'decide', contract }, { doing: 'decide on it', contract });

  // The text twin, typed by a second approver for the choice already proposed: that is the approval.
  const live = await currentDecision(ctx.db, contract.id, contract.cycle);
  if (cycle === null && live?.status === 'pending' && live.choice === choice && live.proposedBy !== ctx.userId) return settle(ctx, live.id, true, origin);

  // Four eyes look at the highest annual value of this term, so lowering the value first does not dodge them.
  const pending = needsSecondApprover(await highestAnnualValueOfCycle(ctx.db, contract), policy);
  const target = origin ?? (await lastReminderRef(ctx, contract));
  let decision: Decision | null;
  try {
    decision = await ctx.db.$transaction(async (tx) => {
      const taken = await takeDecisionSlot(tx, {
        workspaceId: ctx.workspace.id, contractId: contract.id, cycle: contract.cycle, choice,
        status: pending ? 'pending' : 'final', proposedBy: ctx.userId, at: ctx.now,
        channelId: target?.channelId ?? null, messageId: target?.messageId ?? null,
      });
      if (!taken) return null;
      await audit(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, actorId: ctx.userId, action: pending ? `decision.proposed` : `decision.${choice}`, detail: { cycle: contract.cycle, choice }, at: ctx.now });
      if (!pending) await applyDecision(tx, ctx, contract, choice);
      return taken;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    decision = null;
  }
  if (!decision) return alreadyDecided(ctx, contract);

  const shown = target ? await refreshReminder(ctx, contract, decision, target) : pending ? await postProposal(ctx, contract, decision) : [];
  if (pending) {
    const threshold = ctx.workspace.threshold ?? 0;
    return { reply: plain(`${CHOICE_LABELS[choice]} for ${contract.name} is proposed. Its annual value this term is at or above ${amount(threshold, contract.currency)}, so another approver (${policy.approvers.filter((a) => a !== ctx.userId).map(mention).join(', ') || 'none set yet'}) must confirm.`), effects: shown };
  }
  const confirmed = await confirmation(ctx, contract, choice);
  return { reply: confirmed.reply, effects: [...shown, ...(confirmed.effects ?? []), ...(await closeSurveyAtDecision(ctx, contract.id))] };
}

/**
 * A proposal with no reminder posted yet (typed before the first one): post the contract's card with
 * Approve / Reject in its channel, so the second approver has something to click, and remember it.
 */
async function postProposal(ctx: CommandContext, contract: Contract, decision: Decision): Promise<Effect[]> {
  const channelId = contract.channelId ?? ctx.workspace.defaultChannel;
  if (!channelId) return [];
  const card = await reminderMessage.forKind(ctx.db, { kind: 'renewal', step: '', cycle: contract.cycle }, contract, ctx.workspace, todayOf(ctx), null, ctx.now, noteOf(decision));
  return [post(channelId, card, `the proposal for ${contract.name}`, { remember: { as: 'decision-message', decisionId: decision.id } })];
}

/** Approve / Reject on a pending decision. */
export async function settle(ctx: CommandContext, decisionId: string, approve: boolean, origin: MessageRef | null): Promise<CommandResult> {
  const decision = await findDecision(ctx.db, ctx.workspace.id, decisionId);
  if (!decision) throw new UsageError('That decision no longer exists.');
  const contract = await findContractById(ctx.db, ctx.workspace.id, decision.contractId);
  if (!contract) throw new UsageError('That contract no longer exists.');
  if (decision.status !== 'pending') return alreadyDecided(ctx, contract);
  ensureAllowed(ctx, { kind: 'approve', proposedBy: decision.proposedBy }, { doing: 'confirm it' });
  const choice = decision.choice as Choice;
  const won = await ctx.db.$transaction(async (tx) => {
    if (!(await settlePending(tx, decision.id, ctx.userId, approve, ctx.now))) return false;
    await audit(tx, { workspaceId: ctx.workspace.id, contractId: contract.id, actorId: ctx.userId, action: approve ? `decision.${choice}` : 'decision.rejected', detail: { cycle: decision.cycle, choice, proposedBy: decision.proposedBy }, at: ctx.now });
    if (approve) await applyDecision(tx, ctx, contract, choice);
    return true;
  });
  if (!won) return alreadyDecided(ctx, contract);
  const settled = (await findDecision(ctx.db, ctx.workspace.id, decision.id))!;
  const target = origin ?? (decision.channelId && decision.messageId ? { channelId: decision.channelId, messageId: decision.messageId } : null);
  const shown = await refreshReminder(ctx, contract, settled, target);
  if (!approve) return { reply: plain(`You rejected ${CHOICE_LABELS[choice]} for ${contract.name}. Its reminders continue.`), effects: shown };
  const confirmed = await confirmation(ctx, contract, choice);
  return { reply: confirmed.reply, effects: [...shown, ...(confirmed.effects ?? []), ...(await closeSurveyAtDecision(ctx, contract.id))] };
}

/** What a final decision changes: renewal reminders stop; a manual renew moves the end forward. */
async function applyDecision(tx: Tx, ctx: CommandContext, contract: Contract, choice: Choice): Promise<void> {
  const today = todayOf(ctx);
  if (choice === 'renew' && contract.renewal === 'manual') {
    const term = nextTerm(termsOf(contract));
    const renewed = await updateContract(tx, contract.id, { start: term.start, end: term.end, cycle: contract.cycle + 1, snoozedUntil: null });
    await replanContract(tx, renewed, ctx.workspace, today);
    return;
  }
  await replanContract(tx, contract, ctx.workspace, today);
}

async function confirmation(ctx: CommandContext, contract: Contract, choice: Choice): Promise<CommandResult> {
  const fresh = (await findContractById(ctx.db, ctx.workspace.id, contract.id))!;
  if (choice === 'terminate') {
    const notice = terminationNotice(fresh, await vendorContactsOf(ctx.db, fresh.id));
    const channelId = fresh.channelId ?? ctx.workspace.defaultChannel;
    return {
      reply: message(`Terminate recorded for ${fresh.name}. The notice to send is posted in the channel.`, ...notice.blocks),
      effects: channelId ? [post(channelId, notice, `the termination notice of ${fresh.name}`)] : [],
    };
  }
  if (choice === 'renew' && fresh.renewal === 'manual') {
    return { reply: plain(`Renew recorded for ${fresh.name}: it now runs to ${fresh.end}; the new notice deadline is ${deadlineOf(termsOf(fresh))}.`) };
  }
  if (choice === 'renew') return { reply: plain(`Renew recorded for ${fresh.name}: it renews automatically on ${fresh.end}. Its renewal reminders for this term have stopped.`) };
  return { reply: plain(`Renegotiate recorded for ${fresh.name}. Its renewal reminders for this term have stopped; when the new terms are agreed, update it with /contract edit.`) };
}

async function alreadyDecided(ctx: CommandContext, contract: Contract): Promise<CommandResult> {
  const note = noteOf(await currentDecision(ctx.db, contract.id, contract.cycle));
  const detail = note ? ` ${decisionLine(note, ctx.workspace.timezone)}` : '';
  return { reply: plain(`*${contract.name}* was already decided.${detail} Nothing was changed.`) };
}

async function lastReminderRef(ctx: CommandContext, contract: Contract): Promise<MessageRef | null> {
  const last = await lastPostedRenewal(ctx.db, contract.id, contract.cycle);
  return last?.channelId && last.messageId ? { channelId: last.channelId, messageId: last.messageId } : null;
}

/** Updates the reminder message in place: who decided what and when, and no more decision buttons. */
function refreshReminder(ctx: CommandContext, contract: Contract, decision: Decision, target: MessageRef | null): Promise<Effect[]> {
  const note = decision.status === 'rejected'
    ? { choice: decision.choice as Choice, status: 'rejected' as const, proposedBy: decision.proposedBy, approvedBy: decision.approvedBy, at: decision.decidedAt ?? ctx.now, decisionId: decision.id }
    : noteOf(decision);
  return reminderCardUpdate(ctx, contract, target, note);
}
