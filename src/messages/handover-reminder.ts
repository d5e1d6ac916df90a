import { daysBetween, type Day } from '../domain/days.js';
import { HANDOVER_CHECKLIST } from '../domain/handover.js';
import { day, daysLeft, mention } from './format.js';
import { markLate, type Late } from './late.js';
import type { Block, Button, Message } from './model.js';
import { encode } from './payloads.js';

/** A contract the leaver still holds roles on, in the reminder's channel. */
export interface HeldContract {
  contractId: string;
  name: string;
  vendor: string;
  roles: string[];
}

/** Contracts with their own "Assign successor" button; the rest are handed over by command. */
const WITH_BUTTONS = 5;

/**
 * One channel's handover reminder for a leaver: before the leaving date ("Handover due"), or weekly
 * after it while roles have no successor ("Handover overdue"), with the checklist.
 */
export function handoverReminder(leaver: { userId: string; leavingOn: Day }, held: readonly HeldContract[], options: { today: Day; weekly: boolean; late: Late }): Message {
  const { userId, leavingOn } = leaver;
  const { today, weekly } = options;
  // "in 3 days", "tomorrow", "today"; a late step posted after the day says "left".
  const gone = daysBetween(today, leavingOn) < 0;
  const when = daysLeft(today, leavingOn);
  const leaves = gone ? `left on ${day(leavingOn)}` : `leaves on ${day(leavingOn)}, ${when}`;
  const title = weekly ? `Still without a successor: ${mention(userId)} left on ${day(leavingOn)}` : `Handover: ${mention(userId)} ${leaves}`;
  const buttons: Button[] = held.slice(0, WITH_BUTTONS).map((c) => ({ action: 'handover.assign', label: `Assign successor: ${c.name}`.slice(0, 75), value: encode({ c: c.contractId, u: userId }) }));
  const blocks: Block[] = [
    { type: 'section', text: `*${title}*` },
    { type: 'section', text: held.map((c) => `• *${c.name}* (${c.vendor}): ${c.roles.join(', ')}`).join('\n') },
    { type: 'section', text: `*Checklist*\n${HANDOVER_CHECKLIST.map((item) => `☐ ${item}`).join('\n')}` },
    { type: 'actions', buttons },
  ];
  if (held.length > WITH_BUTTONS) blocks.push({ type: 'context', text: `${held.length - WITH_BUTTONS} more: /contract handover ${mention(userId)} @successor moves everything at once.` });
  const names = held.map((c) => c.name).join(', ');
  const kind = weekly ? 'Handover overdue' : 'Handover due';
  const text = weekly
    ? `${kind}: ${mention(userId)} left on ${leavingOn}; still without a successor on ${names}.`
    : `${kind}: ${mention(userId)} ${gone ? `left on ${leavingOn}` : `leaves on ${leavingOn}, ${when}`}; contracts to hand over: ${names}.`;
  return markLate({ text, blocks }, kind, options.late);
}
