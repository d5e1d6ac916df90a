import { isLate } from '../domain/catch-up.js';
import { dayIn } from '../domain/zoned-time.js';
import { platformOf, type Destination } from '../messages/delivery.js';
import { post, update, type PostEffect, type UpdateEffect } from '../effects/effect.js';
import { Claim } from '../store/claims.js';
import { laterStepDue, markSkipped, type Reminder } from '../store/reminder-ledger.js';
import type { Workspace } from '../store/workspaces.js';
import { deliveryProblems, DELIVERY_PROBLEM } from './families/delivery-problems.js';
import { familyOf } from './families/index.js';
import type { FamilyContext, ReminderFamily } from './family.js';
import { dropRows, SUPERSEDED } from './give-up.js';
import type { RowOutcome } from './outcome.js';
import type { PassRun } from './pass-run.js';

/** A claimed row with its message, ready to post. */
export interface Prepared {
  claim: Claim;
  /** The row's message: a new post, or an update of the message it replaces (a survey's results). */
  effect: PostEffect | UpdateEffect;
  /** Other messages brought up to date once this one is out (best effort). */
  refresh: UpdateEffect[];
  to: Destination;
  workspace: Workspace;
  late: boolean;
}

/**
 * Everything before the post: the row's family says whether it still applies, the row is claimed,
 * the family's state change runs (`beforePost`) and its message is built. An outcome instead when
 * the row goes no further. `claimed` hears of the claim at once, so that an error after it can give
 * the row back.
 */
export async function prepareRow(run: PassRun, row: Reminder, families: readonly ReminderFamily[], claimed: (claim: Claim) => void): Promise<Prepared | RowOutcome> {
  // Reports of undeliverable reminders are the pass's own: posted whatever families it was given.
  const family = familyOf(row.kind, families) ?? familyOf(row.kind, [deliveryProblems]);
  const workspace = await run.workspace(row.workspaceId);
  if (!family || !workspace) {
    await markSkipped(run.db, [row.id], family ? 'workspace gone' : `unknown kind ${row.kind}`);
    return 'skipped';
  }
  // Checked first: a platform this process cannot post to costs its rows no query and no claim.
  if (run.stopped || run.disconnected.has(platformOf(row.workspaceId))) return 'deferred';
  const late = isLate(row.dueAt, run.now, workspace.timezone) ? { dueDay: dayIn(row.dueAt, workspace.timezone) } : null;
  const ctx: FamilyContext = { db: run.db, row, workspace, now: run.now, today: dayIn(run.now, workspace.timezone), late };
  // A row retried after failed posts may meanwhile have been overtaken by a later step (already sent, or due).
  const superseded = row.status === 'failed' && row.kind !== DELIVERY_PROBLEM && (await laterStepDue(run.db, row, run.now));
  const whyNot = superseded ? SUPERSEDED : await family.whyNotPost(ctx);
  if (whyNot) return (await dropRows(run, [row], whyNot))[0]!;
  if (run.stopped) return 'deferred';

  const claim = await Claim.take(run.db, row, run.claimOptions());
  if (!claim) return 'lost'; // another pass or process has it
  claimed(claim);
  const notAfterAll = (await family.beforePost?.(ctx)) ?? null;
  const built = notAfterAll ? null : await family.build(ctx);
  if (!built) {
    await claim.skip(notAfterAll ?? 'no longer applies');
    return 'skipped';
  }
  const channelId = built.channelId ?? row.channelId ?? workspace.defaultChannel;
  if (!channelId) {
    await claim.failed('no channel: set one with /renewals settings channel:#…', null);
    return 'failed';
  }
  const about = `${row.kind} ${row.step}`;
  return {
    claim,
    effect: built.replaces ? update(channelId, built.replaces, built.message, about) : post(channelId, built.message, about),
    refresh: (built.refresh ?? []).map((r) => update(r.channelId, r.messageId, r.message, `${about}: an earlier message`)),
    to: { workspaceId: workspace.id, channelId },
    workspace,
    late: late !== null,
  };
}
