import type { webApi, RespondFn } from '@slack/bolt';
import type { Message } from '../../messages/model.js';
import { toBlockKit } from './render.js';
import type { Log } from '../../log.js';

/**
 * Answers one user privately: through the request's response_url, else (expired or unreachable URL)
 * as an ephemeral message in the channel, else as a direct message.
 */
export async function replyPrivately(
  target: { respond?: RespondFn; client: webApi.WebClient; channelId: string | null; userId: string; replaceOriginal?: boolean },
  message: Message,
  log: Log,
): Promise<void> {
  const body = toBlockKit(message);
  if (target.respond) {
    try {
      await target.respond({ response_type: 'ephemeral', replace_original: target.replaceOriginal ?? false, ...body });
      return;
    } catch (error) {
      log(`response_url failed (${(error as Error).message}); falling back to chat.postEphemeral`, 'warn');
    }
  }
  try {
    if (target.channelId) {
      await target.client.chat.postEphemeral({ channel: target.channelId, user: target.userId, ...body });
      return;
    }
  } catch (error) {
    log(`chat.postEphemeral failed (${(error as Error).message}); sending a direct message`, 'warn');
  }
  try {
    await target.client.chat.postMessage({ channel: target.userId, ...body });
  } catch (error) {
    log(`could not reach ${target.userId}: ${(error as Error).message}`, 'error');
  }
}
