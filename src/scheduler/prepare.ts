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
import { RowReads } from './row-reads.js';

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

/** What became of a row asked for: ready to post, an outcome, or an error (with the claim, if it had been taken). */
export type Preparation = { prepared: Prepared } | { outcome: RowOutcome } | { error: unknown; claim: Claim | null };

/** Rows prepared in one batch at most. */
const BATCH_ROWS = 500;
/** A row is prepared this long before its post is due (its channel's pace lets it wait), gathering others meanwhile. */
const AHEAD_MS = 100;
/** Rows asked for are gathered this long at most. */
const GATHER_MS = 500;

interface Asked {
  row: Reminder;
  neededAt: number;
  done: (preparation: Preparation) => void;
}

/**
 * Prepares due rows in batches: the rows asked for while a batch is gathered (every channel asks for
 * its next row while it waits for its pace) are checked, claimed and built together, so that each
 * kind of read, and the claim, is one statement for the whole batch rather than one per row. A row
 * needed at once (the first of each channel, a channel without a pace) does not wait for others.
 */
export class Preparer {
  private asked: Asked[] = [];
  /** The soonest `neededAt` of the rows asked for. */
  private earliest = Infinity;
  private running = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly run: PassRun,
    private readonly families: readonly ReminderFamily[],
  ) {}

  /** `neededAt`: when its post could go out at the earliest (epoch ms). */
  prepare(row: Reminder, neededAt: number): Promise<Preparation> {
    return new Promise((done) => {
      this.asked.push({ row, neededAt, done });
      if (neededAt < this.earliest || this.asked.length === 1) {
        this.earliest = Math.min(this.earliest, neededAt);
        this.schedule();
      } else if (this.asked.length === BATCH_ROWS) {
        this.schedule();
      }
    });
  }

  private schedule(): void {
    if (this.running || this.asked.length === 0) return;
    const wait = this.asked.length >= BATCH_ROWS ? 0 : Math.min(GATHER_MS, this.earliest - AHEAD_MS - Date.now());
    if (this.timer) clearTimeout(this.timer);
    // Even "at once" is after every row asked for in this turn of the event loop.
    this.timer = setTimeout(() => void this.flush(), Math.max(0, wait));
  }

  private async flush(): Promise<void> {
    this.timer = null;
    if (this.running) return;
    this.running = true;
    const batch = this.asked.sort((a, b) => a.neededAt - b.neededAt).splice(0, BATCH_ROWS);
    this.earliest = this.asked[0]?.neededAt ?? Infinity;
    try {
      const results = await prepareBatch(this.run, batch.map((a) => a.row), this.families);
      batch.forEach((a, i) => a.done(results[i]!));
    } catch (error) {
      for (const a of batch) a.done({ error, claim: null });
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}

interface Checked {
  row: Reminder;
  family: ReminderFamily;
  ctx: FamilyContext;
}

/**
 * Everything before the posts of a batch of rows, one result per row in order: each row's family says
 * whether it still applies (its reads shared by the batch), the rows that do are claimed with one
 * statement, their families' state changes run (`beforePost`, one row at a time) and their messages
 * are built (reads shared again). An error in one row's family is that row's result only.
 */
export async function prepareBatch(run: PassRun, rows: readonly Reminder[], families: readonly ReminderFamily[]): Promise<Preparation[]> {
  const results = new Map<string, Preparation>();
  const reads = new RowReads(run.db);
  const checked: Checked[] = [];
  const dropped = new Map<string, Reminder[]>();
  await Promise.all(rows.map(async (row) => {
    try {
      const check = await checkRow(run, row, families, reads);
      if ('outcome' in check) results.set(row.id, check);
      else if (check.whyNot) dropped.set(check.whyNot, [...(dropped.get(check.whyNot) ?? []), row]); // few reasons, few rows each
      else checked.push(check.checked);
    } catch (error) {
      results.set(row.id, { error, claim: null });
    }
  }));
  for (const [reason, group] of dropped) {
    const outcomes = await dropRows(run, group, reason);
    group.forEach((row, i) => results.set(row.id, { outcome: outcomes[i]! }));
  }
  if (run.stopped) {
    for (const { row } of checked) results.set(row.id, { outcome: 'deferred' });
    return rows.map((row) => results.get(row.id)!);
  }
  const claims = await Claim.takeMany(run.db, checked.map((c) => c.row), run.claimOptions());
  const claimed = checked.filter(({ row }) => {
    if (!claims.has(row.id)) results.set(row.id, { outcome: 'lost' }); // another pass or process has it
    return claims.has(row.id);
  });
  // State changes one row at a time (they run transactions); then every message, reads shared.
  const changed = new Map<string, string | null>();
  for (const { row, family, ctx } of claimed) {
    if (!family.beforePost) continue;
    try {
      changed.set(row.id, await family.beforePost(ctx));
    } catch (error) {
      results.set(row.id, { error, claim: claims.get(row.id)! });
    }
  }
  await Promise.all(claimed.filter(({ row }) => !results.has(row.id)).map(async (c) => {
    const claim = claims.get(c.row.id)!;
    try {
      results.set(c.row.id, await buildRow(c, claim, changed.get(c.row.id) ?? null));
    } catch (error) {
      results.set(c.row.id, { error, claim });
    }
  }));
  return rows.map((row) => results.get(row.id)!);
}

/** A row's family and context, and whether it still applies; or an outcome when it goes no further. */
async function checkRow(run: PassRun, row: Reminder, families: readonly ReminderFamily[], reads: RowReads): Promise<{ outcome: RowOutcome } | { checked: Checked; whyNot: string | null }> {
  // Reports of undeliverable reminders are the pass's own: posted whatever families it was given.
  const family = familyOf(row.kind, families) ?? familyOf(row.kind, [deliveryProblems]);
  const workspace = await run.workspace(row.workspaceId);
  if (!family || !workspace) {
    await markSkipped(run.db, [row.id], family ? 'workspace gone' : `unknown kind ${row.kind}`);
    return { outcome: 'skipped' };
  }
  // Checked first: a platform this process cannot post to costs its rows no query and no claim.
  if (run.stopped || run.disconnected.has(platformOf(row.workspaceId))) return { outcome: 'deferred' };
  const late = isLate(row.dueAt, run.now, workspace.timezone) ? { dueDay: dayIn(row.dueAt, workspace.timezone) } : null;
  const ctx: FamilyContext = { db: run.db, row, workspace, now: run.now, today: dayIn(run.now, workspace.timezone), late, reads };
  // A row retried after failed posts may meanwhile have been overtaken by a later step (already sent, or due).
  const superseded = row.status === 'failed' && row.kind !== DELIVERY_PROBLEM && (await laterStepDue(run.db, row, run.now));
  return { checked: { row, family, ctx }, whyNot: superseded ? SUPERSEDED : await family.whyNotPost(ctx) };
}

/** The message of a claimed row, or the outcome when it turned out not to apply (or has nowhere to go). */
async function buildRow({ row, family, ctx }: Checked, claim: Claim, notAfterAll: string | null): Promise<Preparation> {
  const built = notAfterAll ? null : await family.build(ctx);
  if (!built) {
    await claim.skip(notAfterAll ?? 'no longer applies');
    return { outcome: 'skipped' };
  }
  const channelId = built.channelId ?? row.channelId ?? ctx.workspace.defaultChannel;
  if (!channelId) {
    await claim.failed('no channel: set one with /renewals settings channel:#…', null);
    return { outcome: 'failed' };
  }
  const about = `${row.kind} ${row.step}`;
  return {
    prepared: {
      claim,
      effect: built.replaces ? update(channelId, built.replaces, built.message, about) : post(channelId, built.message, about),
      refresh: (built.refresh ?? []).map((r) => update(r.channelId, r.messageId, r.message, `${about}: an earlier message`)),
      to: { workspaceId: ctx.workspace.id, channelId },
      workspace: ctx.workspace,
      late: ctx.late !== null,
    },
  };
}
