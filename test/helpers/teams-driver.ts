import { expect } from 'vitest';
import { teamsChannel, teamsUser, type TestBot } from './bot-harness.js';
import { clickable, type AnswerView, type Clickable, type Driver, type OpenedForm, type PostView } from './driver.js';
import type { Where } from './teams-client.js';
import { cardOf, type ConnectorCall } from './teams-double.js';

export interface CardButton {
  verb: string;
  title: string;
  data: Record<string, unknown>;
}

/** A card button, also as the platform-neutral Clickable (action = verb, value = `data.value`). */
export type TeamsButton = CardButton & Clickable;

/** A message the bot posted or updated, as the connector double received it, with what a reader sees. */
export type TeamsPost = ConnectorCall & PostView;

/** A form card the bot sent privately, with the call that sent it. */
export interface TeamsForm extends OpenedForm {
  call: ConnectorCall;
  card: Record<string, unknown>;
}

/** A channel of the test team by key, as a place to talk from. */
export const inChannel = (key: string): Where => ({ channel: teamsChannel(key) });
export const personal: Where = { personal: true };

/**
 * Cards write dates with non-breaking hyphens (U+2011) and join numbers to their units with no-break
 * spaces (U+00A0) so Teams does not wrap them; a reader sees hyphens and spaces, and so do the checks.
 */
export const asRead = (json: string): string => json.replace(/\u2011/g, '-').replace(/\u00a0/g, ' ');

/** Everything a reader sees of a sent or updated activity (summary and card), for `toContain` checks. */
export function textOfCall(call: ConnectorCall): string {
  return asRead(JSON.stringify([call.body['summary'], call.body['text'], cardOf(call)]));
}

export function textOfCard(card: unknown): string {
  return asRead(JSON.stringify(card));
}

function collectActions(node: unknown, out: TeamsButton[]): TeamsButton[] {
  if (Array.isArray(node)) node.forEach((n) => collectActions(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o['type'] === 'Action.Execute') {
      const data = (o['data'] as Record<string, unknown>) ?? {};
      out.push({ verb: String(o['verb']), title: String(o['title']), data, action: String(o['verb']), label: String(o['title']), value: typeof data['value'] === 'string' ? data['value'] : undefined });
    }
    Object.values(o).forEach((v) => collectActions(v, out));
  }
  return out;
}

/** The Action.Execute buttons of a card (or of the card of a call). */
export function buttonsOf(cardOrCall: unknown): TeamsButton[] {
  const card = cardOrCall && typeof cardOrCall === 'object' && 'body' in (cardOrCall as object) && 'method' in (cardOrCall as object) ? cardOf(cardOrCall as ConnectorCall) : cardOrCall;
  return collectActions(card, []);
}

export function button(cardOrCall: unknown, match: string | ((b: CardButton) => boolean)): TeamsButton {
  const all = buttonsOf(cardOrCall);
  const found = all.find(typeof match === 'string' ? (b) => b.verb === match : match);
  if (!found) throw new Error(`no button ${String(match)} among ${JSON.stringify(all.map((b) => `${b.verb} ${b.title}`))}`);
  return found;
}

/** The user ids a card mentions through `<at>` entities. */
export function mentionedIn(cardOrCall: unknown): string[] {
  const card = (cardOrCall && typeof cardOrCall === 'object' && 'method' in (cardOrCall as object) ? cardOf(cardOrCall as ConnectorCall) : cardOrCall) as { msteams?: { entities?: { mentioned: { id: string } }[] } } | null;
  return (card?.msteams?.entities ?? []).map((e) => e.mentioned.id);
}

/** The conversation where the bot answers `user` privately when they write from `where`. */
export function privateConversation(t: TestBot, user: string, where: Where): string {
  return 'personal' in where ? t.teams.personalConversation(user) : `a:dm-${teamsUser(user).id}`;
}

export interface Answer extends AnswerView {
  call: ConnectorCall;
  text: string;
  card: Record<string, unknown> | null;
  /** The summary (the plain-text fallback). */
  fallback: string;
  buttons: TeamsButton[];
  form?: TeamsForm;
}

/** What a click is answered with: a card (the clicked one, refreshed) or a message only the clicker sees. */
export interface ClickAnswer extends AnswerView {
  form?: TeamsForm;
  type: string;
  message: string | null;
  card: Record<string, unknown> | null;
  text: string;
  buttons: TeamsButton[];
}

/** Where an activity in a conversation comes from: a channel (thread or not), a group chat or a personal chat. */
export function whereOf(conversationId: string): Where {
  const id = conversationId.split(';')[0]!;
  if (id.endsWith('@thread.tacv2')) return { channel: id };
  if (id.endsWith('@thread.v2')) return { group: id };
  return { personal: true, conversation: id };
}

function postOf(call: ConnectorCall, id: string | undefined): TeamsPost {
  return { ...call, channel: call.conversationId.split(';')[0]!, id, text: textOfCall(call), fallback: String(call.body['summary'] ?? ''), buttons: buttonsOf(call) };
}

const FORM_VERB = /^form\./;

/** A form card (one whose submit verb is `form.…`), else null. */
function formOf(call: ConnectorCall, card: Record<string, unknown> | null): TeamsForm | null {
  if (!card || !buttonsOf(card).some((b) => FORM_VERB.test(b.verb))) return null;
  const inputs = ((card['body'] as { type: string; id?: string }[] | undefined) ?? []).filter((e) => e.type.startsWith('Input.') && e.id);
  return { call, card, fields: inputs.map((i) => i.id!), text: textOfCard(card) };
}

/** The problems a form card shows under its fields (Attention text after an input), by field id. */
function errorsOf(card: Record<string, unknown> | null): Record<string, string> | null {
  let field: string | null = null;
  const errors: Record<string, string> = {};
  for (const element of (card?.['body'] as { type: string; id?: string; color?: string; text?: string }[] | undefined) ?? []) {
    if (element.type.startsWith('Input.')) field = element.id ?? null;
    else if (element.type === 'TextBlock' && element.color === 'Attention' && field) errors[field] = asRead(element.text ?? '');
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/** Picker fields (Teams' people picker) among a card's inputs. */
function pickerFields(card: Record<string, unknown>): Set<string> {
  const inputs = (card['body'] as { id?: string; 'choices.data'?: unknown }[] | undefined) ?? [];
  return new Set(inputs.filter((i) => i.id && i['choices.data']).map((i) => i.id!));
}

/**
 * Drives the Teams side of a test bot the way SlackDriver drives Slack: messages in, the bot's
 * private answers, proactive posts and card updates out. Users and channels go by key: `alice` is
 * `29:alice` ("Alice"), `net` is the channel `19:net@thread.tacv2` of the test team.
 */
export class TeamsDriver implements Driver {
  readonly platform = 'teams' as const;
  private readonly bot: () => TestBot;

  constructor(bot: TestBot | (() => TestBot)) {
    this.bot = typeof bot === 'function' ? bot : () => bot;
  }

  get t(): TestBot {
    return this.bot();
  }

  get workspaceId(): string {
    return `teams:${this.t.teams.tenant}`;
  }

  userId = (key: string): string => teamsUser(key).id;
  channelId = teamsChannel;
  mention = (key: string): string => `<at>${teamsUser(key).name}</at>`;
  fallbackMention = (key: string): string => `@${teamsUser(key).name}`;
  bold = (text: string): string => `**${text}**`;

  /** Sends `text` (with `{@key}` / `{#key}` mentions) from a channel (by key) or any place, and returns the bot's private answer. */
  async run(text: string, user = 'owner', where: Where | string = inChannel('renew')): Promise<Answer> {
    const place = typeof where === 'string' ? inChannel(where) : where;
    const conversation = privateConversation(this.t, user, place);
    const before = this.t.teamsApi.sends(conversation).length;
    const res = await this.t.teams.message(text, user, place);
    expect(res.status).toBe(200);
    const answers = await this.t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === conversation, before + 1);
    const call = answers[before]!;
    const card = cardOf(call);
    const form = formOf(call, card);
    return { call, text: textOfCall(call), card, fallback: String(call.body['summary'] ?? ''), buttons: buttonsOf(card), ...(form && { form }) };
  }

  /** Proactive posts into a channel (new messages, not replies to users), with what a reader sees of each. */
  posts(channelKey: string): TeamsPost[] {
    return this.t.teamsApi
      .sends(teamsChannel(channelKey))
      .filter((c) => c.body['type'] === 'message' && !String(c.body['summary'] ?? '').startsWith('Renewal Desk is here'))
      .map((c) => postOf(c, c.id));
  }

  async waitForPosts(channelKey: string, count = 1): Promise<TeamsPost[]> {
    const conversation = teamsChannel(channelKey);
    await this.t.teamsApi.waitFor((c) => c.kind === 'send' && c.id !== undefined && c.conversationId.split(';')[0] === conversation && c.body['type'] === 'message', count);
    return this.posts(channelKey);
  }

  /** Cards updated in place (`id`: the activity updated). */
  updates(): TeamsPost[] {
    return this.t.teamsApi.updates().map((c) => postOf(c, c.activityId ?? undefined));
  }

  async waitForUpdates(count = 1): Promise<TeamsPost[]> {
    await this.t.teamsApi.waitFor('update', count);
    return this.updates();
  }

  /**
   * Clicks a card button (by verb, or a button) as `user`, from where the card is (by default the
   * conversation of `post`); the invoke is answered in the HTTP response.
   */
  async click(user: string, post: Pick<ConnectorCall, 'id'> & Partial<ConnectorCall> & Partial<PostView>, b: CardButton | Clickable | string, where?: Where): Promise<ClickAnswer> {
    const picked = typeof b === 'string' ? clickable({ buttons: post.buttons ?? buttonsOf(post.body ? post : null) }, b) : b;
    const verb = 'verb' in picked ? picked.verb : picked.action;
    const data = 'data' in picked ? picked.data : { value: picked.value };
    const conversation = post.conversationId ?? post.channel;
    const from = where ?? (conversation ? whereOf(conversation) : inChannel('renew'));
    const seen = new Set(this.t.teamsApi.calls);
    const res = await this.t.teams.execute({ user, verb, data, where: from, replyToId: post.id ?? post.activityId ?? undefined });
    expect(res.status).toBe(200);
    expect(res.body.statusCode).toBe(200);
    // A click that opens a form sends it privately before it answers ("I sent you a form").
    const formCall = this.t.teamsApi.calls.find((c) => !seen.has(c) && c.kind === 'send' && formOf(c, cardOf(c)));
    const form = formCall ? formOf(formCall, cardOf(formCall)) : null;
    return { ...this.clickAnswerOf(res.body), ...(form && { form }) };
  }

  /**
   * Submits a form card: its submit button's data with `values` (people-picker fields take user keys,
   * picked from the organisation's directory), from the conversation the form was sent to.
   */
  async submit(user: string, form: TeamsForm, values: Record<string, string>): Promise<ClickAnswer & { errors: Record<string, string> | null }> {
    const submit = button(form.card, (b) => FORM_VERB.test(b.verb));
    const pickers = pickerFields(form.card);
    const data: Record<string, unknown> = { ...submit.data };
    for (const [field, value] of Object.entries(values)) {
      if (!pickers.has(field)) {
        data[field] = value;
        continue;
      }
      const person = teamsUser(value);
      if (!this.t.teamsApi.members.has(person.id)) this.t.teamsApi.addMember(person);
      data[field] = person.aadObjectId;
    }
    const res = await this.t.teams.execute({ user, verb: submit.verb, data, where: whereOf(form.call.conversationId), replyToId: form.call.id });
    expect(res.status).toBe(200);
    const answer = this.clickAnswerOf(res.body);
    return { ...answer, errors: errorsOf(answer.card) };
  }

  forgeForm(user: string, _form: 'assign-successor', context: { contractId: string; fromUserId: string; channel: string }): TeamsForm {
    const data = { context: { contractId: context.contractId, fromUserId: context.fromUserId, channelId: teamsChannel(context.channel), teamId: this.t.teams.team.id } };
    const card = {
      type: 'AdaptiveCard',
      body: [
        { type: 'Input.ChoiceSet', id: 'successor', 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } },
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Hand over', verb: 'form.assign-successor', data }] },
      ],
    };
    const call: ConnectorCall = { method: 'POST', kind: 'send', conversationId: this.t.teams.personalConversation(user), activityId: null, body: {}, id: '1700000000998', headers: {} };
    return { call, card, fields: ['successor'], text: textOfCard(card) };
  }

  failPosts(channel: string, failure: { status: number; retryAfter?: number }, times = 1): void {
    this.t.teamsApi.fail('send', failure, { conversation: teamsChannel(channel), times });
  }

  forget(): void {
    this.t.teamsApi.reset();
  }

  /** Adds the bot to the team (stores where each channel can be reached). */
  async addToTeam(): Promise<void> {
    const res = await this.t.teams.botAdded({ channel: this.t.teams.team.id });
    expect(res.status).toBe(200);
  }

  private clickAnswerOf(body: { type?: string; value?: unknown }): ClickAnswer {
    const type = String(body.type);
    const message = type === 'application/vnd.microsoft.activity.message' ? String(body.value) : null;
    const card = type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Record<string, unknown>) : null;
    return { type, message, card, text: asRead(message ?? JSON.stringify(card)), buttons: buttonsOf(card) };
  }
}
