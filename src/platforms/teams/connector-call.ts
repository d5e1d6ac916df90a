import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { DeliveryResult } from '../../messages/delivery.js';
import { connectorFailure } from './failures.js';

/** What a proactive turn's connector client offers publicly: the credentials that sign its calls. */
interface SigningClient {
  credentials: { signRequest(request: { headers: { set(name: string, value: string): void } }): Promise<unknown> };
}

/** Like the connector client's own calls, and like Slack's: a post that hangs is a failure to retry later. */
const TIMEOUT_MS = 15_000;

/**
 * Sends (or, with `messageId`, updates) an activity in the conversation of a proactive turn, with one
 * call to the Bot Framework connector's REST API (POST or PUT `/v3/conversations/{id}/activities`),
 * signed with the turn's own credentials. Made here rather than through `context.sendActivity`,
 * whose client retries 429s and 5xx inside the call (sleeping for the Retry-After): the scheduler's
 * pass decides about retries and waits, one channel at a time, and a delivery never sleeps.
 */
export async function callConnector(context: TurnContext, reference: Partial<ConversationReference>, activity: Partial<Activity>, messageId: string | null): Promise<DeliveryResult> {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as SigningClient | undefined;
  const full = TurnContext.applyConversationReference({ ...activity, ...(messageId && { id: messageId }) }, reference);
  const conversationId = full.conversation!.id;
  const url = `${reference.serviceUrl!.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(conversationId)}/activities${messageId ? `/${encodeURIComponent(messageId)}` : ''}`;
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
  try {
    await client?.credentials.signRequest({ headers: { set: (name, value) => headers.set(name, value) } });
    const response = await fetch(url, { method: messageId ? 'PUT' : 'POST', headers, body: JSON.stringify(full), signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await response.text();
    if (!response.ok) return connectorFailure({ statusCode: response.status, message: errorMessage(text), response: { headers: response.headers } });
    const id = messageId ?? ((JSON.parse(text || '{}') as { id?: unknown }).id as string | undefined) ?? null;
    return { ok: true, messageId: typeof id === 'string' ? id : null };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return connectorFailure(Object.assign(new Error((error as Error).message), { code: cause?.code ?? (error as { name?: string }).name }));
  }
}

/** The connector's error body (`{"error":{"code","message"}}`), or the start of whatever it sent. */
function errorMessage(text: string): string {
  try {
    const { error } = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (error) return [error.code, error.message].filter(Boolean).join(': ');
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 200);
}
