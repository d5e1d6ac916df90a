import type { Delivery, DeliveryResult, Destination, RateLimit } from '../../messages/delivery.js';
import type { Message } from '../../messages/model.js';
import type { Db } from '../../store/client.js';
import { addConsoleEntry, updateConsoleEntry } from '../../store/console-entries.js';

/** The platform prefix of console workspaces ("console:demo"). */
export const CONSOLE_PLATFORM = 'console';

/**
 * Posts to the channels of a console workspace: stored as console entries (the console shows them,
 * in order, across restarts and processes); the entry id is the message id, for updates in place.
 */
export class ConsoleDelivery implements Delivery {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  /** A row in the console's own database: nothing to keep to. */
  limits(): readonly RateLimit[] {
    return [];
  }

  async post(to: Destination, message: Message): Promise<DeliveryResult> {
    const id = await addConsoleEntry(this.db, { workspaceId: to.workspaceId, kind: 'post', channelId: to.channelId, body: JSON.stringify(message), at: this.clock() });
    return { ok: true, messageId: String(id) };
  }

  async update(to: Destination, messageId: string, message: Message): Promise<DeliveryResult> {
    const id = Number(messageId);
    const updated = Number.isSafeInteger(id) && (await updateConsoleEntry(this.db, to.workspaceId, id, { body: JSON.stringify(message) }));
    return updated ? { ok: true, messageId } : { ok: false, error: 'message_not_found', permanent: true };
  }
}
