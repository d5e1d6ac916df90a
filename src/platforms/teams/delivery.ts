import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Delivery, DeliveryResult, Destination } from '../../messages/delivery.js';
import type { Message } from '../../messages/model.js';
import type { Db } from '../../store/client.js';
import { connectorFailure } from './failures.js';
import { namesFor } from './names.js';
import { Pacer } from './pacing.js';
import { storedReference } from './references.js';
import { messageActivity } from './render.js';

/**
 * Posts and updates for the scheduler and the command layer, proactively: through the conversation
 * reference stored when the bot was added or last spoken to there. Failures are handed back (429 with
 * its Retry-After) rather than waited for, so one slow conversation never holds up the others.
 */
export class TeamsDelivery implements Delivery {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly db: Db,
    private readonly pacer: Pacer = new Pacer(),
  ) {}

  post(to: Destination, message: Message): Promise<DeliveryResult> {
    return this.send(to, message, null);
  }

  update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult> {
    return this.send(to, message, messageId);
  }

  private async send(to: Destination, message: Message, messageId: string | null): Promise<DeliveryResult> {
    const reference = await storedReference(this.db, to.workspaceId, to.channelId);
    if (!reference) {
      return { ok: false, permanent: true, error: `no Teams conversation reference for ${to.channelId}: add Renewal Desk to that channel (or send it a message there) first` };
    }
    const slot = await this.pacer.acquire(to.workspaceId, to.channelId);
    if (!slot.ok) return { ok: false, error: 'paced: at most 7 messages per second per conversation', retryAfterMs: slot.retryAfterMs };
    const activity = messageActivity(message, await namesFor(this.db, to.workspaceId, message, { here: to.channelId }));
    let id: string | null = null;
    // Errors inside the callback would go to the adapter's onTurnError: keep them here instead.
    let failed: unknown = null;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference as ConversationReference, async (context) => {
        try {
          if (messageId) {
            await context.updateActivity({ ...activity, id: messageId });
            id = messageId;
          } else {
            id = (await context.sendActivity(activity))?.id ?? null;
          }
        } catch (error) {
          failed = error;
        }
      });
    } catch (error) {
      failed = error;
    }
    if (failed === null) return { ok: true, messageId: id };
    const result = connectorFailure(failed);
    if (!result.ok && result.retryAfterMs) this.pacer.block(to.channelId, result.retryAfterMs);
    return result;
  }
}
