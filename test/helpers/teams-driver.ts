import { expect } from 'vitest';
import { teamsChannel, teamsUser, type TestBot } from './bot-harness.js';
import type { Where } from './teams-client.js';
import { cardOf, type ConnectorCall } from './teams-double.js';

export interface CardButton {
  verb: string;
  title: string;
  data: Record<string, unknown>;
}

/** A channel of the test team by key, as a place to talk from. */
export const inChannel = (key: string): Where => ({ channel: teamsChannel(key) });
export const personal: Where = { personal: true };

/**
 * Cards write dates with non-breaking hyphens (U+2011) so Teams does not wrap them; a reader sees
 * hyphens, and so do the checks.
 */
export const asRead = (json: string): string => json.replace(/\u2011/g, '-');

/** Everything a reader sees of a sent or updated activity (summary and card), for `toContain` checks. */
export function textOfCall(call: ConnectorCall): string {
  return asRead(JSON.stringify([call.body['summary'], call.body['text'], cardOf(call)]));
}

export function textOfCard(card: unknown): string {
  return asRead(JSON.stringify(card));
}

function collectActions(node: unknown, out: CardButton[]): CardButton[] {
  if (Array.isArray(node)) node.forEach((n) => collectActions(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o['type'] === 'Action.Execute') out.push({ verb: String(o['verb']), title: String(o['title']), data: (o['data'] as Record<string, unknown>) ?? {} });
    Object.values(o).forEach((v) => collectActions(v, out));
  }
  return out;
}

/** The Action.Execute buttons of a card (or of the card of a call). */
export function buttonsOf(cardOrCall: unknown): CardButton[] {
  const card = cardOrCall && typeof cardOrCall === 'object' && 'body' in (cardOrCall as object) && 'method' in (cardOrCall as object) ? cardOf(cardOrCall as ConnectorCall) : cardOrCall;
  return collectActions(card, []);
}

export function button(cardOrCall: unknown, match: string | ((b: CardButton) => boolean)): CardButton {
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

export interface Answer {
  call: ConnectorCall;
  text: string;
  card: Record<string, unknown> | null;
}

/**
 * Drives the Teams side of a test bot the way the Slack tests drive Slack: messages in, the bot's
 * private answers, proactive posts and card updates out.
 */
export class TeamsDriver {
  constructor(readonly t: TestBot) {}

  /** Sends `text` (with `{@key}` / `{#key}` mentions) and returns the bot's private answer. */
  async run(text: string, user = 'owner', where: Where = inChannel('renew')): Promise<Answer> {
    const conversation = privateConversation(this.t, user, where);
    const before = this.t.teamsApi.sends(conversation).length;
    const res = await this.t.teams.message(text, user, where);
    expect(res.status).toBe(200);
    const answers = await this.t.teamsApi.waitFor((c) => c.kind === 'send' && c.conversationId === conversation, before + 1);
    const call = answers[before]!;
    return { call, text: textOfCall(call), card: cardOf(call) };
  }

  /** Proactive posts into a channel (new messages, not replies to users). */
  posts(channelKey: string): ConnectorCall[] {
    return this.t.teamsApi.sends(teamsChannel(channelKey)).filter((c) => c.body['type'] === 'message' && !String(c.body['summary'] ?? '').startsWith('Renewal Desk is here'));
  }

  /** Clicks a card button as `user`; the invoke is answered in the HTTP response. */
  async click(user: string, post: ConnectorCall, b: CardButton, where: Where = inChannel('renew')): Promise<{ type: string; message: string | null; card: Record<string, unknown> | null; text: string }> {
    const res = await this.t.teams.execute({ user, verb: b.verb, data: b.data, where, replyToId: post.id ?? post.activityId ?? undefined });
    expect(res.status).toBe(200);
    expect(res.body.statusCode).toBe(200);
    const type = String(res.body.type);
    const message = type === 'application/vnd.microsoft.activity.message' ? String(res.body.value) : null;
    const card = type === 'application/vnd.microsoft.card.adaptive' ? (res.body.value as Record<string, unknown>) : null;
    return { type, message, card, text: asRead(message ?? JSON.stringify(card)) };
  }

  /** Adds the bot to the team (stores where each channel can be reached). */
  async addToTeam(): Promise<void> {
    const res = await this.t.teams.botAdded({ channel: this.t.teams.team.id });
    expect(res.status).toBe(200);
  }
}
