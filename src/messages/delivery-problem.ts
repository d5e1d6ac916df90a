import { channel } from './format.js';
import { markLate, type Late } from './late.js';
import type { Message } from './model.js';

const EXPLAINED: Record<string, string> = {
  channel_not_found: 'the channel does not exist any more (or the bot cannot see it)',
  not_in_channel: 'the bot is not a member of this private channel',
  is_archived: 'the channel is archived',
};

const KINDS: Record<string, string> = {
  renewal: 'renewal reminder',
  deadline: '"deadline passed" notice',
  end: 'end-of-term notice',
  handover: 'handover reminder',
  'sla-warning': 'SLA warning',
  'sla-breach': 'SLA breach',
  'sla-report': 'monthly SLA report',
};

export interface UndeliveredReminder {
  kind: string;
  /** The contract it was about, when it has one. */
  contractName: string | null;
  dueDay: string;
}

/** To the workspace channel, once: reminders for `channelId` failed for good and are not retried. */
export function deliveryProblem(channelId: string, error: string, undelivered: UndeliveredReminder[], total: number, late: Late = null): Message {
  const why = EXPLAINED[error] ?? 'Slack refused the message';
  const count = `${total} reminder${total === 1 ? '' : 's'}`;
  const lines = undelivered.map((r) => `• ${KINDS[r.kind] ?? r.kind}${r.contractName ? ` for *${r.contractName}*` : ''} (due ${r.dueDay})`);
  if (total > undelivered.length) lines.push(`• … and ${total - undelivered.length} more`);
  const fix = error === 'not_in_channel'
    ? `Invite the bot there (\`/invite @Renewal Desk\`), or move the contracts with \`/contract edit <name> channel:#…\`.`
    : `Move the contracts to another channel with \`/contract edit <name> channel:#…\`, or set the workspace channel with \`/renewals settings channel:#…\`.`;
  const text = `Renewal Desk cannot post in ${channel(channelId)}: ${why} (${error}). ${count} could not be delivered and will not be retried.`;
  return markLate({
    text,
    blocks: [
      { type: 'header', text: 'Reminders could not be delivered' },
      { type: 'section', text: `Renewal Desk cannot post in ${channel(channelId)}: ${why} (\`${error}\`). ${count} could not be delivered there and will not be retried:\n${lines.join('\n')}` },
      { type: 'context', text: fix },
    ],
  }, `Renewal Desk cannot post in ${channel(channelId)}`, late);
}

export interface GivenUpReminder extends UndeliveredReminder {
  /** Why it stopped being retried: "superseded by a later reminder", "deadline already passed"… */
  reason: string;
}

/**
 * To the workspace channel, once a day: posts to `channelId` kept failing (rate limits, errors,
 * timeouts) until these reminders no longer applied, so they were given up. Newer reminders for the
 * same contracts are still delivered and retried.
 */
export function deliveryGaveUp(channelId: string, undelivered: GivenUpReminder[], total: number, late: Late = null): Message {
  const count = `${total} reminder${total === 1 ? '' : 's'}`;
  const lines = undelivered.map((r) => `• ${KINDS[r.kind] ?? r.kind}${r.contractName ? ` for *${r.contractName}*` : ''} (due ${r.dueDay}): ${r.reason}`);
  if (total > undelivered.length) lines.push(`• … and ${total - undelivered.length} more`);
  const named = undelivered.slice(0, 3).map((r) => `${KINDS[r.kind] ?? r.kind}${r.contractName ? ` for ${r.contractName}` : ''} (due ${r.dueDay}, ${r.reason})`);
  const rest = total - named.length;
  const text = `Renewal Desk could not post in ${channel(channelId)} for a while: ${count} kept failing until ${total === 1 ? 'it' : 'they'} no longer applied, and ${total === 1 ? 'was' : 'were'} not delivered: ${named.join('; ')}${rest > 0 ? ` and ${rest} more` : ''}.`;
  return markLate({
    text,
    blocks: [
      { type: 'header', text: 'Reminders were not delivered in time' },
      { type: 'section', text: `Posts to ${channel(channelId)} kept failing (rate limits, errors or timeouts) until ${count} no longer applied; ${total === 1 ? 'it was' : 'they were'} not delivered:\n${lines.join('\n')}` },
      { type: 'context', text: 'Later reminders for the same contracts are still delivered, and retried until they get through.' },
    ],
  }, `Renewal Desk could not post in ${channel(channelId)}`, late);
}
