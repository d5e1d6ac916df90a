import type { Choice } from '../domain/decision-rules.js';
import type { Day } from '../domain/days.js';
import type { Db, Tx } from '../store/client.js';
import type { Contract } from '../store/contracts.js';
import { currentDecision, type Decision } from '../store/decisions.js';
import type { Reminder } from '../store/reminder-ledger.js';
import type { WorkspaceSettings } from '../store/workspaces.js';
import { contractEnded, deadlinePassed, type EndOutcome } from '../messages/lifecycle.js';
import type { Message } from '../messages/model.js';
import { renewalReminder, type DecisionNote } from '../messages/renewal.js';
import { slaSummaryLine } from './sla-evidence.js';

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

/** The message of a posted reminder, rebuilt from the contract's current state (used for updates too). */
async function forKind(
  db: Db | Tx,
  reminder: Pick<Reminder, 'kind' | 'step' | 'cycle'>,
  contract: Contract,
  workspace: WorkspaceSettings,
  today: Day,
  late: { dueDay: Day } | null,
  now: Date,
  decisionOverride?: DecisionNote | null,
): Promise<Message> {
  const decision = decisionOverride !== undefined ? decisionOverride : noteOf(await currentDecision(db, contract.id, reminder.cycle));
  if (reminder.kind === 'deadline') return deadlinePassed(contract, { timezone: workspace.timezone, late, decision });
  const daysBefore = /^d(\d+)$/.exec(reminder.step);
  return renewalReminder(contract, {
    today,
    timezone: workspace.timezone,
    daysBefore: daysBefore ? Number(daysBefore[1]) : reminder.step.startsWith('snooze') ? null : undefined,
    late,
    slaSummary: await slaSummaryLine(db, contract, today, workspace.timezone, now),
    decision,
    snoozedBy: contract.snoozedUntil && contract.snoozedUntil > today ? await snoozedBy(db, contract) : null,
  });
}

/** Who snoozed the contract last (its audit trail). */
async function snoozedBy(db: Db | Tx, contract: Contract): Promise<string | null> {
  const row = await db.auditEvent.findFirst({ where: { workspaceId: contract.workspaceId, contractId: contract.id, action: 'reminder.snoozed' }, orderBy: { at: 'desc' }, select: { actorId: true } });
  return row?.actorId ?? null;
}

function end(contract: Contract, outcome: EndOutcome, late: { dueDay: Day } | null): Message {
  return contractEnded(contract, outcome, { late });
}

export const reminderMessage = { forKind, end };
