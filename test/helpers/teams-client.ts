import { randomUUID } from 'node:crypto';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/**
 * Where an activity comes from: a channel of the team, a group chat (`19:…@thread.v2`, named or not)
 * or a personal chat with the bot (by default the user's own).
 */
export type Where = { channel: string } | { group: string; name?: string } | { personal: true; conversation?: string };

export interface TeamsClientOptions {
  baseUrl: string;
  serviceUrl: string;
  tenant?: string;
  team?: { id: string; name: string };
  /** How a channel id is named in the channel data. */
  channelName?: (id: string) => string;
  user: (key: string) => TeamsUser;
}

export const BOT = { id: '28:renewal-desk-bot', name: 'Renewal Desk' };

/**
 * Sends what Teams sends to a bot's messaging endpoint: messages (with `<at>` mentions and their
 * entities), `adaptiveCard/action` invokes, and conversationUpdate when the bot is added.
 * In the text, `{@alice}` mentions a user and `{#net}` a channel (by the keys the test uses).
 */
export class TeamsClient {
  private counter = 0;

  constructor(private readonly options: TeamsClientOptions, private readonly channelId: (key: string) => string = (k) => k) {}

  get tenant(): string {
    return this.options.tenant ?? 'tenant-1';
  }

  get team(): { id: string; name: string } {
    return this.options.team ?? { id: '19:team-procurement@thread.tacv2', name: 'Procurement' };
  }

  personalConversation(userKey: string): string {
    return `a:personal-${this.options.user(userKey).id}`;
  }

  /** The conversation of an activity and its channel data. */
  private place(where: Where, userKey: string, thread?: string): { conversation: Record<string, unknown>; channelData: Record<string, unknown> } {
    const tenant = { id: this.tenant };
    if ('personal' in where) {
      return { conversation: { id: where.conversation ?? this.personalConversation(userKey), conversationType: 'personal', tenantId: this.tenant }, channelData: { tenant } };
    }
    if ('group' in where) {
      return { conversation: { id: where.group, conversationType: 'groupChat', isGroup: true, tenantId: this.tenant, ...(where.name && { name: where.name }) }, channelData: { tenant } };
    }
    const channel = where.channel;
    return {
      conversation: { id: thread ? `${channel};messageid=${thread}` : channel, conversationType: 'channel', isGroup: true, tenantId: this.tenant },
      channelData: { tenant, team: this.team, channel: { id: channel, name: this.options.channelName?.(channel) }, teamsChannelId: channel, teamsTeamId: this.team.id },
    };
  }

  activity(type: string, userKey: string, where: Where, extra: Record<string, unknown> = {}, thread?: string): Record<string, unknown> {
    this.counter += 1;
    const user = this.options.user(userKey);
    const id = `activity-${this.counter}-${randomUUID().slice(0, 8)}`;
    // A new post in a channel starts its own thread: Teams names the conversation after it.
    const inThread = thread ?? (type === 'message' && 'channel' in where ? id : undefined);
    return {
      type,
      id,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.options.serviceUrl,
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: BOT,
      locale: 'en-US',
      ...this.place(where, userKey, inThread),
      ...extra,
    };
  }

  /** A message as Teams delivers it: in a channel the bot is @mentioned first. */
  messageActivity(text: string, userKey: string, where: Where): Record<string, unknown> {
    const entities: Record<string, unknown>[] = [];
    let body = text.replace(/\{@([\w-]+)\}/g, (_m, key: string) => {
      const user = this.options.user(key);
      entities.push({ type: 'mention', text: `<at>${user.name}</at>`, mentioned: { id: user.id, name: user.name } });
      return `<at>${user.name}</at>`;
    });
    body = body.replace(/\{#([\w-]+)\}/g, (_m, key: string) => {
      const id = this.channelId(key);
      const name = this.options.channelName?.(id) ?? key;
      entities.push({ type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name } });
      return `<at>${name}</at>`;
    });
    if (!('personal' in where)) {
      entities.unshift({ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT });
      body = `<at>${BOT.name}</at> ${body}`;
    }
    return this.activity('message', userKey, where, { text: body, textFormat: 'plain', entities });
  }

  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.options.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  }

  async message(text: string, userKey: string, where: Where, headers: Record<string, string> = {}): Promise<Response> {
    return this.post(this.messageActivity(text, userKey, where), headers);
  }

  /** A click on an Action.Execute button (or a form's submit), answered in the HTTP response. */
  async execute(options: { user: string; verb: string; data: Record<string, unknown>; where: Where; replyToId?: string }): Promise<{ status: number; body: { statusCode?: number; type?: string; value?: unknown } }> {
    const where = options.where;
    const activity = this.activity('invoke', options.user, where, {
      name: 'adaptiveCard/action',
      replyToId: options.replyToId,
      value: { action: { type: 'Action.Execute', verb: options.verb, data: options.data }, trigger: 'manual' },
    }, 'channel' in where && options.replyToId ? options.replyToId : undefined);
    const res = await this.post(activity);
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as { statusCode?: number; type?: string; value?: unknown }) : {} };
  }

  /** The bot was added to a team (its General channel) or installed for a user. */
  async botAdded(where: Where, userKey = 'owner'): Promise<Response> {
    return this.post(this.activity('conversationUpdate', userKey, where, { membersAdded: [BOT] }));
  }
}
