import { expect } from 'vitest';
import { textOf, type TestBot } from './bot-harness.js';
import { clickable, type AnswerView, type Clickable, type Driver, type OpenedForm, type PostView } from './driver.js';
import type { SlackCall } from './slack-double.js';
import { slackChannel, slackMentions, slackUser } from './slack-ids.js';

export { slackChannel, slackMentions, slackUser };

/** The action ids of the bot's buttons: `rd:` and the action (`rd:decide.renew`). */
const ACTION_PREFIX = 'rd:';
const TEAM = 'T1';

/** A message the bot posted or updated, as the Slack double received it, with what a reader sees. */
export type SlackPost = SlackCall & PostView;

/** A modal the bot opened (views.open). */
export interface SlackForm extends OpenedForm {
  view: { callback_id: string; private_metadata: string; blocks: { block_id?: string; element?: { type: string } }[]; title?: unknown };
}

export interface SlackAnswer extends AnswerView {
  /** What carried the answer: the response_url call (or, for an issue announced where it was typed, the post). */
  call: SlackCall;
  body: Record<string, unknown>;
  /** The plain-text fallback of the answer. */
  fallback: string;
  form?: SlackForm;
}

type Block = { elements?: { type?: string; action_id?: string; value?: string; text?: { text?: string } }[] };

/** The buttons of a Block Kit message, by action. */
export function slackButtons(body: Record<string, unknown>): Clickable[] {
  const blocks = (body['blocks'] as Block[] | undefined) ?? [];
  return blocks
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === 'button' && e.action_id?.startsWith(ACTION_PREFIX))
    .map((e) => ({ action: e.action_id!.slice(ACTION_PREFIX.length), label: e.text?.text ?? '', value: e.value }));
}


function postOf(call: SlackCall, id: string | undefined): SlackPost {
  const body = call.body;
  return { ...call, channel: String(body['channel']), id, text: textOf(body), fallback: String(body['text'] ?? ''), buttons: slackButtons(body) };
}

/**
 * Drives the Slack side of a test bot the way TeamsDriver drives Teams: signed slash commands and
 * clicks in, the private answers (response_url), posts, updates and modals out. Users and channels
 * go by key: `alice` is UALICE, `net` is CNET.
 */
export class SlackDriver implements Driver {
  readonly platform = 'slack' as const;
  readonly workspaceId = `slack:${TEAM}`;
  private readonly bot: () => TestBot;

  constructor(bot: TestBot | (() => TestBot)) {
    this.bot = typeof bot === 'function' ? bot : () => bot;
  }

  get t(): TestBot {
    return this.bot();
  }

  userId = slackUser;
  channelId = slackChannel;
  mention = (key: string): string => `<@${slackUser(key)}>`;
  fallbackMention = (key: string): string => `<@${slackUser(key)}>`;
  bold = (text: string): string => `*${text}*`;

  /**
   * `contract add …` is sent as `/contract` with `add …`. The answer is the private reply, or the
   * modal it opened, or, for an issue logged in the contract's own channel (no private copy there),
   * the issue posted in that channel.
   */
  async run(line: string, user = 'owner', channel = 'renew'): Promise<SlackAnswer> {
    const [, word = '', rest = ''] = /^\/?(\S*)\s*([\s\S]*)$/.exec(line.trim())!;
    const channelId = slackChannel(channel);
    const announces = /^issue$/i.test(word) && /^log\b/i.test(rest);
    const body = this.t.slack.commandBody(`/${word.toLowerCase()}`, slackMentions(rest), slackUser(user), channelId);
    const call = await this.answerTo(body, slackUser(user), (c) => announces && c.method === 'chat.postMessage' && c.body['channel'] === channelId);
    return this.answerOf(call);
  }

  /** Accepted posts into a channel (not answers to users), oldest first. */
  posts(channel: string): SlackPost[] {
    const channelId = slackChannel(channel);
    return this.t.slackApi.posted().filter((c) => c.body['channel'] === channelId).map((c) => postOf(c, c.ts));
  }

  async waitForPosts(channel: string, count = 1): Promise<SlackPost[]> {
    const channelId = slackChannel(channel);
    await this.t.slackApi.waitFor((c) => c.method === 'chat.postMessage' && c.ok && c.body['channel'] === channelId, count);
    return this.posts(channel);
  }

  updates(): SlackPost[] {
    return this.t.slackApi.callsTo('chat.update').map((c) => postOf(c, String(c.body['ts'])));
  }

  async waitForUpdates(count = 1): Promise<SlackPost[]> {
    await this.t.slackApi.waitFor('chat.update', count);
    return this.updates();
  }

  /** Clicks a button of a posted message; the answer is the private reply (or the modal it opened). */
  async click(user: string, post: Pick<PostView, 'channel' | 'id'> & Partial<PostView>, action: string | Clickable): Promise<SlackAnswer> {
    const b = typeof action === 'string' ? clickable({ buttons: post.buttons ?? [] }, action) : action;
    const body = this.t.slack.clickBody({ user: slackUser(user), actionId: `${ACTION_PREFIX}${b.action}`, value: b.value ?? '', channel: post.channel, messageTs: post.id ?? '1.1' });
    return this.answerOf(await this.answerTo(body, slackUser(user)));
  }

  /**
   * Submits a modal the bot opened. Fields are filled in by the kind of their input: text, a date, a
   * choice, or a user (given by key). Refused fields come back in the HTTP answer (`errors`); else
   * the answer is the private message that follows.
   */
  async submit(user: string, form: SlackForm, values: Record<string, string>): Promise<SlackAnswer & { errors: Record<string, string> | null }> {
    const state: Record<string, Record<string, unknown>> = {};
    for (const block of form.view.blocks) {
      const id = block.block_id;
      const type = block.element?.type;
      if (!id || !type || values[id] === undefined) continue;
      const value = values[id]!;
      const element =
        type === 'datepicker' ? { type, selected_date: value }
        : type === 'static_select' ? { type, selected_option: { value } }
        : type === 'users_select' ? { type, selected_user: slackUser(value) }
        : { type, value };
      state[id] = { value: element };
    }
    const payload = {
      type: 'view_submission', team: { id: TEAM, domain: 'test' }, user: { id: slackUser(user), username: user, team_id: TEAM }, api_app_id: 'A1', token: 'legacy', trigger_id: 'trigger-form',
      view: {
        id: 'V1', type: 'modal', callback_id: form.view.callback_id, private_metadata: form.view.private_metadata, team_id: TEAM, app_id: 'A1', bot_id: 'B1',
        title: form.view.title ?? { type: 'plain_text', text: 'Form' }, blocks: [], hash: 'h', state: { values: state },
      },
    };
    const seen = new Set(this.t.slackApi.calls);
    const res = await this.t.slack.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    expect(res.status).toBe(200);
    const raw = await res.text();
    const body = (raw ? JSON.parse(raw) : {}) as { response_action?: string; errors?: Record<string, string> };
    if (body.response_action === 'errors') {
      const errors = body.errors ?? {};
      return { call: { method: 'view_submission', body, at: Date.now(), ok: true }, body, text: JSON.stringify(errors), fallback: '', buttons: [], errors };
    }
    return { ...this.answerOf(await this.answerFor({ userId: slackUser(user) }, seen)), errors: null };
  }

  forgeForm(_user: string, _form: 'assign-successor', context: { contractId: string; fromUserId: string; channel: string }): SlackForm {
    const view = {
      callback_id: 'rd:handover.assign',
      private_metadata: JSON.stringify({ contractId: context.contractId, fromUserId: context.fromUserId, channelId: slackChannel(context.channel) }),
      blocks: [{ block_id: 'successor', element: { type: 'users_select' } }],
    };
    return { fields: ['successor'], text: JSON.stringify(view), view };
  }

  failPosts(channel: string, failure: { status: number; retryAfter?: number }, times = 1): void {
    this.t.slackApi.fail('chat.postMessage', failure, { channel: slackChannel(channel), times });
  }

  forget(): void {
    this.t.slackApi.reset();
  }

  /** Sends a signed request (a command or a click) and waits for the call that answers it. */
  private async answerTo(body: string, userId: string, alsoAnswers: (call: SlackCall) => boolean = () => false): Promise<SlackCall> {
    const fields = new URLSearchParams(body);
    const sent = (fields.has('payload') ? JSON.parse(fields.get('payload')!) : Object.fromEntries(fields)) as { response_url?: string; trigger_id?: string };
    const seen = new Set(this.t.slackApi.calls);
    const res = await this.t.slack.post(body);
    expect(res.status).toBe(200);
    return this.answerFor({ userId, responseUrl: sent.response_url, triggerId: sent.trigger_id }, seen, alsoAnswers);
  }

  /**
   * The call not `seen` before that answers one request of `userId`: its own response_url, else (that
   * URL failed) an ephemeral message or a direct message to them; a modal opened with its trigger; or
   * a call `alsoAnswers` accepts.
   */
  private async answerFor(request: { userId: string; responseUrl?: string; triggerId?: string }, seen: Set<SlackCall>, alsoAnswers: (call: SlackCall) => boolean = () => false): Promise<SlackCall> {
    const responseId = request.responseUrl?.split('/response/')[1];
    const isAnswer = (c: SlackCall) => !seen.has(c) && (
      (c.method === 'response_url' && c.responseId === responseId) ||
      (c.method === 'chat.postEphemeral' && c.body['user'] === request.userId) ||
      (c.method === 'chat.postMessage' && c.body['channel'] === request.userId) ||
      (c.method === 'views.open' && c.body['trigger_id'] === request.triggerId) ||
      alsoAnswers(c));
    const [call] = await this.t.slackApi.waitFor(isAnswer);
    return call!;
  }

  private answerOf(call: SlackCall): SlackAnswer {
    if (call.method === 'views.open') {
      const view = call.body['view'] as SlackForm['view'];
      const form: SlackForm = { fields: view.blocks.map((b) => b.block_id).filter((id): id is string => !!id), text: JSON.stringify(view), view };
      return { call, body: call.body, text: form.text, fallback: '', buttons: [], form };
    }
    const body = call.body;
    if (call.method === 'response_url') expect(body['response_type']).toBe('ephemeral');
    return { call, body, text: textOf(body), fallback: String(body['text'] ?? ''), buttons: slackButtons(body) };
  }
}
