import type { Choice } from '../domain/decision-rules.js';
import type { Day } from '../domain/days.js';
import type { Db, Tx } from '../store/client.js';
import type { Contract } from '../store/contracts.js';
import type { Decision } from '../store/decisions.js';
import type { Reminder } from '../store/reminder-ledger.js';
import { isFirstRenewal, reminderEvidence, type ReminderEvidence } from '../store/reminder-evidence.js';
import { scorecardBlocks } from './scorecard.js';
import type { Workspace } from '../store/workspaces.js';
import { contractEnded, deadlinePassed, type EndOutcome } from './lifecycle.js';
import type { Message } from './model.js';
import { renewalReminder, type DecisionNote } from './renewal.js';
import { slaSummaryText } from './sla-status.js';
import { totalsLines } from './credit.js';
import { creditTotals } from '../domain/credits.js';
import { figuresOf } from '../store/credits.js';
import { surveyLine } from './survey.js';

// The reminder card: posted by the scheduler, rebuilt in place by the commands after a decision, an
// approval or a snooze. Both build it here, from the contract's current state.

export function noteOf(decision: Decision | null): DecisionNote | null {
  if (!decision || decision.status === 'rejected') return null;
  return {
    choice: decision.choice as Choice,
    status: decision.status as DecisionNote['status'],
    proposedBy: decision.proposedBy,
    approvedBy: decision.approvedBy,
    at: decision.decidedAt ?? decision.createdAt,
    decisionId: decision.id,
  };
}

/** The message of a reminder row (renewal step or deadline); `decisionOverride` shows that decision instead of the stored one. */
async function forKind(
  db: Db | Tx,
  reminder: Pick<Reminder, 'kind' | 'step' | 'cycle'>,
  contract: Contract,
  workspace: Workspace,
  today: Day,
  late: { dueDay: Day } | null,
  now: Date,
  decisionOverride?: DecisionNote | null,
): Promise<Message> {
  const evidence = await reminderEvidence(db, contract, { cycle: reminder.cycle, today, timezone: workspace.timezone, now }, { decision: decisionOverride === undefined });
  const firstRenewal = isLadderStep(reminder) && (await isFirstRenewal(db, contract.id, reminder.cycle, reminder.step));
  return renewalCard(reminder, contract, { workspace, today, now, late, evidence, firstRenewal }, decisionOverride);
}

/** A renewal ladder step (or a snoozed one): the cycle's first of them carries the scorecard (SPEC §7). */
export function isLadderStep(reminder: Pick<Reminder, 'kind' | 'step'>): boolean {
  return reminder.kind === 'renewal' && (/^d\d+$/.test(reminder.step) || reminder.step.startsWith('snooze'));
}

/** `forKind` from what it reads: the card of a renewal step or deadline, given the contract's evidence. */
export function renewalCard(
  reminder: Pick<Reminder, 'kind' | 'step'>,
  contract: Contract,
  shown: { workspace: Workspace; today: Day; now: Date; late: { dueDay: Day } | null; evidence: ReminderEvidence; firstRenewal: boolean },
  decisionOverride?: DecisionNote | null,
): Message {
  const { workspace, today, late, evidence } = shown;
  const clock = { timezone: workspace.timezone, reminderTime: workspace.reminderTime, now: shown.now };
  const decision = decisionOverride !== undefined ? decisionOverride : noteOf(evidence.decision);
  if (reminder.kind === 'deadline') return deadlinePassed(contract, { timezone: workspace.timezone, late, decision });
  const daysBefore = /^d(\d+)$/.exec(reminder.step);
  const scorecard = shown.firstRenewal ? scorecardBlocks(contract, evidence, { today, clock, onReminder: true }).blocks : undefined;
  return renewalReminder(contract, {
    today,
    timezone: workspace.timezone,
    daysBefore: daysBefore ? Number(daysBefore[1]) : reminder.step.startsWith('snooze') ? null : undefined,
    late,
    slaSummary: slaSummaryText(evidence.sla, totalsLines(creditTotals(evidence.credits.map(figuresOf)))),
    surveyLine: evidence.survey ? surveyLine(evidence.survey.survey, evidence.survey.tally, clock) : undefined,
    decision,
    snoozedBy: evidence.snoozedBy,
    scorecard,
  });
}

function end(contract: Contract, outcome: EndOutcome, late: { dueDay: Day } | null): Message {
  return contractEnded(contract, outcome, { late });
}

export const reminderMessage = { forKind, end };
