import { ensureAllowed } from '../authorise.js';
import { audit } from '../../store/decisions.js';
import { ensureCalendarToken, rotateCalendarToken } from '../../store/calendar-tokens.js';
import { message } from '../../messages/model.js';
import type { CommandContext, CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import type { Token } from '../tokenize.js';

const EXAMPLE = '/renewals settings calendar   (or calendar:rotate to replace the link)';
const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/**
 * `/renewals settings calendar` (show the feed URL) and `calendar:rotate` (replace it); null when the
 * settings command is about something else. Either stands alone.
 */
export function calendarFeedRequest(tokens: readonly Token[]): 'show' | 'rotate' | null {
  const feed = tokens.find((t) => (t.key ?? t.value).toLowerCase() === 'calendar');
  if (!feed) return null;
  if (tokens.length > 1) throw new UsageError('`calendar` stands alone: change other settings in a separate command.', EXAMPLE);
  if (feed.key === undefined) return 'show';
  if (feed.value.toLowerCase() === 'rotate') return 'rotate';
  throw new UsageError(`\`calendar:${feed.value.slice(0, 40)}\` is not an option: \`calendar:rotate\` replaces the link.`, EXAMPLE);
}

export function calendarFeedUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/calendar/${token}.ics`;
}

/** Shows (creating it on first use) or replaces the workspace's private calendar feed URL; approvers only, once set. */
export async function calendarFeed(ctx: CommandContext, request: 'show' | 'rotate'): Promise<CommandResult> {
  ensureAllowed(ctx, { kind: 'calendar-feed' }, { doing: request === 'show' ? 'see the calendar feed link' : 'replace the calendar feed link' });
  const base = ctx.publicUrl ?? DEFAULT_PUBLIC_URL;
  if (request === 'rotate') {
    const token = await ctx.db.$transaction(async (tx) => {
      const fresh = await rotateCalendarToken(tx, ctx.workspace.id);
      await audit(tx, { workspaceId: ctx.workspace.id, contractId: null, actorId: ctx.userId, action: 'calendar.rotated', at: ctx.now });
      return fresh;
    });
    const url = calendarFeedUrl(base, token);
    return {
      reply: message(`Calendar feed replaced: the old link no longer works. New private link: ${url}`, {
        type: 'section',
        text: `*Calendar feed replaced.* The old link no longer works (it answers 404). The new private link:\n\`${url}\`\nSubscribe to it again where the old one was used.`,
      }),
    };
  }
  const url = calendarFeedUrl(base, await ensureCalendarToken(ctx.db, ctx.workspace.id));
  return {
    reply: message(`Private calendar feed of this workspace: ${url}`, {
      type: 'section',
      text: [
        '*Private calendar feed* of this workspace:',
        `\`${url}\``,
        'Subscribe to it in Outlook, Google Calendar or Apple Calendar (add a calendar from a URL): every notice deadline, with an alarm 7 days before, and every end date of the active contracts.',
        'Anyone who has this link can read these dates: keep it private. `/renewals settings calendar:rotate` replaces it, and the old link stops working.',
      ].join('\n'),
    }),
  };
}
