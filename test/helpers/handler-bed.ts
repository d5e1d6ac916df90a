import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { handleAction } from '../../src/commands/actions/dispatch.js';
import type { CommandContext, CommandResult, MessageRef, UserDirectory } from '../../src/commands/context.js';
import { errorMessage, runCommand, type CommandName } from '../../src/commands/router.js';
import { applyEffects } from '../../src/effects/apply.js';
import type { Delivery, DeliveryResult, Destination, RateLimit } from '../../src/messages/delivery.js';
import type { ActionId, Message } from '../../src/messages/model.js';
import { openDatabase, type Db } from '../../src/store/client.js';
import { applyMigrations } from '../../src/store/migrations.js';
import { ensureWorkspace } from '../../src/store/workspaces.js';
import { TestClock } from './test-clock.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { emptyTables } from './reset-tables.js';
import { slackChannel, slackMentions, slackUser } from './slack-ids.js';

/** A post or an update the handlers asked for, as the effect sink received it. */
export interface Delivered {
  kind: 'post' | 'update';
  channelId: string;
  /** The id the sink gave a post (`m1`, `m2` …), or the message an update replaces. */
  messageId: string;
  message: Message;
}

/**
 * An in-memory delivery: every post and update is recorded (and posts get ids), nothing leaves the
 * process. What `applyEffects` does with a result's effects on a platform, without the platform.
 */
export class EffectSink implements Delivery {
  readonly delivered: Delivered[] = [];
  private next = 0;

  limits(): readonly RateLimit[] {
    return [];
  }

  async post(to: Destination, message: Message): Promise<DeliveryResult> {
    this.next += 1;
    const messageId = `m${this.next}`;
    this.delivered.push({ kind: 'post', channelId: to.channelId, messageId, message });
    return { ok: true, messageId };
  }

  async update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult> {
    this.delivered.push({ kind: 'update', channelId: to.channelId, messageId, message });
    return { ok: true, messageId };
  }

  posts(channelId?: string): Delivered[] {
    return this.delivered.filter((d) => d.kind === 'post' && (!channelId || d.channelId === channelId));
  }

  updates(): Delivered[] {
    return this.delivered.filter((d) => d.kind === 'update');
  }

  clear(): void {
    this.delivered.length = 0;
    this.next = 0;
  }
}

/** Users by Slack-style id; `UBOT…` and USLACKBOT are bots. */
const directory: UserDirectory = {
  lookup: async (userId) => ({ displayName: userId.replace(/^U/, '').toLowerCase(), isBot: userId.startsWith('UBOT') || userId === 'USLACKBOT' }),
};

/** Everything a handler answered and asked for: the reply (and its text, as a reader would search it). */
export interface Handled extends CommandResult {
  /** The reply's fallback and every block, as JSON (what the Slack tests call `textOf`). */
  text: string;
}

export interface HandlerBed {
  readonly db: Db;
  readonly clock: TestClock;
  readonly sink: EffectSink;
  readonly logs: string[];
  readonly workspaceId: string;
  /** The context of a request by `user` (key) in `channel` (key), as a platform would build it. */
  context(user?: string, channel?: string): Promise<CommandContext>;
  /** Runs a command line (`contract add …`; `{@alice}` and `{#net}` mention) and applies its effects to the sink. */
  run(line: string, user?: string, channel?: string): Promise<Handled>;
  /** Runs a button click (`decide.renew` with the button's value) on a posted message and applies its effects. */
  click(action: ActionId, value: string | undefined, user?: string, origin?: MessageRef | null): Promise<Handled>;
}

export interface HandlerBedOptions {
  now: string;
  timezone?: string;
}

/**
 * The handler layer without a bot: the command handlers against a real database (a SQLite file, or
 * PostgreSQL with TEST_DATABASE=postgresql; migrated once per file, emptied before each test) with an
 * in-memory effect sink. Users and channels go by the
 * Slack driver's keys (`alice` is UALICE, `net` is CNET), so the texts read as on Slack.
 */
export function handlerBed(options: HandlerBedOptions): HandlerBed {
  const dir = mkdtempSync(join(tmpdir(), 'renewal-desk-handlers-'));
  let database: TestDatabase | null = null;
  const clock = new TestClock(new Date(options.now));
  const sink = new EffectSink();
  const logs: string[] = [];
  const workspaceId = 'slack:T1';
  let db: Db | null = null;
  const open = (): Db => {
    if (!db) throw new Error('the handler bed opens its database in beforeAll');
    return db;
  };

  const context = async (user = 'owner', channel = 'renew'): Promise<CommandContext> => {
    const workspace = await ensureWorkspace(open(), workspaceId, 'slack', options.timezone ?? 'UTC', clock.now());
    return { db: open(), workspace, userId: slackUser(user), channelId: slackChannel(channel), now: clock.now(), log: (line) => logs.push(line), directory };
  };
  const handled = async (ctx: CommandContext, result: CommandResult): Promise<Handled> => {
    await applyEffects(result.effects, { db: ctx.db, workspaceId: ctx.workspace.id, delivery: sink, log: ctx.log });
    return { ...result, text: JSON.stringify([result.reply.text, result.reply.blocks]) };
  };

  beforeAll(async () => {
    database = await createTestDatabase(dir);
    await applyMigrations(database.url);
    db = openDatabase(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await emptyTables(open(), database!.url);
    clock.set(options.now);
    sink.clear();
    logs.length = 0;
  });

  return {
    get db() {
      return open();
    },
    clock,
    sink,
    logs,
    workspaceId,
    context,
    async run(line, user, channel) {
      const [, word = '', rest = ''] = /^\/?(\S*)\s*([\s\S]*)$/.exec(line.trim())!;
      const ctx = await context(user, channel);
      return handled(ctx, await runCommand(word.toLowerCase() as CommandName, slackMentions(rest), ctx));
    },
    async click(action, value, user, origin = null) {
      const ctx = await context(user);
      let result: CommandResult;
      try {
        result = await handleAction(ctx, action, value, origin);
      } catch (error) {
        // As every platform does: a refusal or a stale button is the clicker's private answer.
        result = { reply: errorMessage(error, ctx) };
      }
      return handled(ctx, result);
    },
  };
}
