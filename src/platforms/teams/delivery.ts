import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Delivery, DeliveryResult, Destination, RateLimit } from '../../messages/delivery.js';
import type { Message } from '../../messages/model.js';
import type { Db } from '../../store/client.js';
import { callConnector } from './connector-call.js';
import { connectorFailure } from './failures.js';
import { namesFor } from './names.js';
import { storedReference } from './references.js';
import { messageActivity } from './render.js';

/** Teams' limits for a bot: about 7 messages a second per conversation, 50 per tenant (the workspace is the tenant). */
export const TEAMS_LIMITS: readonly RateLimit[] = [
  { per: 'channel', posts: 7, windowMs: 1000 },
  { per: 'workspace', posts: 50, windowMs: 1000 },
];

/**
 * Posts and updates for the scheduler and the command layer, proactively: through the conversation
 * reference stored when the bot was added or last spoken to there. One call each: failures are handed
 * back (429 with its Retry-After) rather than waited for, and the pass keeps within `TEAMS_LIMITS`.
 */
export class TeamsDelivery implements Delivery {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly db: Db,
  ) {}

  post(to: Destination, message: Message): Promise<DeliveryResult> {
    return this.send(to, message, null);
  }

  update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult> {
    return this.send(to, message, messageId);
  }

  limits(): readonly RateLimit[] {
    return TEAMS_LIMITS;
  }

  private async send(to: Destination, message: Message, messageId: string | null): Promise<DeliveryResult> {
    const reference = await storedReference(this.db, to.workspaceId, to.channelId);
    if (!reference) {
      return { ok: false, permanent: true, error: `no Teams conversation reference for ${to.channelId}: add Renewal Desk to that channel (or send it a message there) first` };
    }
    const activity = messageActivity(message, await namesFor(this.db, to.workspaceId, message, { here: to.channelId }));
    let result: DeliveryResult | null = null;
    try {
      // The proactive turn gives the call the bot's credentials (none when unauthenticated).
      await this.adapter.continueConversationAsync(this.appId, reference as ConversationReference, async (context) => {
        result = await callConnector(context, reference, activity, messageId);
      });
    } catch (error) {
      result = connectorFailure(error);
    }
    return result ?? { ok: false, error: 'the proactive turn did not run' };
  }
}
