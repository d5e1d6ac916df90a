import { createHmac } from 'node:crypto';

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{raw body}"). */
export function signSlackRequest(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SlackClientOptions {
  baseUrl: string;
  secret: string;
  responseUrl: (id: string) => string;
  team?: string;
}

/** Sends what Slack would send: signed slash commands and block_actions payloads. */
export class SlackClient {
  private counter = 0;

  constructor(private readonly options: SlackClientOptions) {}

  async post(body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.options.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(this.options.secret, body), ...headers },
      body,
    });
  }

  commandBody(command: string, text: string, user = 'UOWNER', channel = 'CRENEW'): string {
    this.counter += 1;
    return new URLSearchParams({
      token: 'legacy', team_id: this.options.team ?? 'T1', team_domain: 'test', channel_id: channel, channel_name: 'renewals',
      user_id: user, user_name: user.toLowerCase(), command, text, api_app_id: 'A1', is_enterprise_install: 'false',
      response_url: this.options.responseUrl(`cmd-${this.counter}`), trigger_id: `trigger-${this.counter}`,
    }).toString();
  }

  async command(command: string, text: string, user = 'UOWNER', channel = 'CRENEW'): Promise<Response> {
    return this.post(this.commandBody(command, text, user, channel));
  }

  /** A click on a button of a posted message. */
  async click(options: { user: string; actionId: string; value: string; channel: string; messageTs: string; team?: string }, headers: Record<string, string> = {}): Promise<Response> {
    return this.post(this.clickBody(options), headers);
  }

  /** The body of a click (block_actions): its response_url and trigger_id name this click. */
  clickBody(options: { user: string; actionId: string; value: string; channel: string; messageTs: string; team?: string }): string {
    this.counter += 1;
    const payload = {
      type: 'block_actions',
      team: { id: options.team ?? this.options.team ?? 'T1', domain: 'test' },
      user: { id: options.user, username: options.user.toLowerCase(), team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      container: { type: 'message', message_ts: options.messageTs, channel_id: options.channel, is_ephemeral: false },
      trigger_id: `trigger-${this.counter}`,
      channel: { id: options.channel, name: 'renewals' },
      message: { type: 'message', ts: options.messageTs, text: 'reminder' },
      response_url: this.options.responseUrl(`act-${this.counter}`),
      actions: [{ type: 'button', action_id: options.actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value: options.value, action_ts: `${Date.now() / 1000}${this.counter}` }],
    };
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  /** A modal submitted: `values` are the plain-text inputs by block id (Slack's `state.values`, action id `value`). */
  async submitView(options: { user: string; callbackId: string; privateMetadata: string; values: Record<string, string>; team?: string }): Promise<Response> {
    this.counter += 1;
    const team = options.team ?? this.options.team ?? 'T1';
    const values = Object.fromEntries(Object.entries(options.values).map(([block, value]) => [block, { value: { type: 'plain_text_input', value } }]));
    const payload = {
      type: 'view_submission', team: { id: team, domain: 'test' }, user: { id: options.user, username: options.user.toLowerCase(), team_id: team }, api_app_id: 'A1', token: 'legacy', trigger_id: `trigger-${this.counter}`,
      view: { id: `V${this.counter}`, type: 'modal', callback_id: options.callbackId, private_metadata: options.privateMetadata, team_id: team, app_id: 'A1', bot_id: 'B1', hash: 'h', title: { type: 'plain_text', text: 'x' }, blocks: [], state: { values } },
    };
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }
}
