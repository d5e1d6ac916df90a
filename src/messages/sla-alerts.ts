import { formatInstant } from '../domain/zoned-time.js';
import { mention, when } from './format.js';
import { markLate, type Late } from './late.js';
import type { Message } from './model.js';

/** An open issue's SLA clock, as the warning and the breach describe it. */
export interface SlaClock {
  /** "I-12". */
  label: string;
  priority: string;
  contractName: string;
  summary: string;
  measure: 'response' | 'resolution';
  /** The target as the contract's clock reads it: "4 h", "2 working days". */
  target: string;
  due: Date;
  timezone: string;
}

/** Who a breach is escalated to: an internal contact, a vendor-side one, or (none on record) the owner. */
export type Escalation =
  | { to: 'user'; userId: string; level: number }
  | { to: 'person'; name: string; email: string | null; phone: string | null; level: number }
  | { to: 'owner'; ownerId: string; level: number };

export function escalationText(e: Escalation): string {
  switch (e.to) {
    case 'user':
      return `${mention(e.userId)} (escalation-${e.level})`;
    case 'person':
      return `${e.name}${e.email ? ` <${e.email}>` : ''}${e.phone ? `, ${e.phone}` : ''} (escalation-${e.level})`;
    case 'owner':
      return `${mention(e.ownerId)} (owner; no escalation-${e.level} contact on record)`;
  }
}

/** 75 % of a target used: posted once in the issue's channel. */
export function slaWarning(clock: SlaClock, ownerId: string, late: Late): Message {
  const text = `SLA warning: ${clock.label} (${clock.priority.toUpperCase()}, ${clock.contractName}) has used 75 % of its ${clock.measure} target of ${clock.target}; it is due ${when(clock.due, clock.timezone)}.`;
  return markLate({
    text,
    blocks: [
      { type: 'section', text: `⚠ *SLA warning:* *${clock.label}* (${clock.priority.toUpperCase()}, ${clock.contractName}: ${clock.summary}) has used 75 % of its ${clock.measure} target of ${clock.target}. Due *${formatInstant(clock.due, clock.timezone)}* ${clock.timezone}. Owner: ${mention(ownerId)}.` },
    ],
  }, 'SLA warning', late);
}

/** A target missed: posted once, naming who to escalate to. */
export function slaBreach(clock: SlaClock, escalation: Escalation, late: Late): Message {
  const escalate = escalationText(escalation);
  const text = `SLA breach: ${clock.label} (${clock.priority.toUpperCase()}, ${clock.contractName}) missed its ${clock.measure} target of ${clock.target} (due ${when(clock.due, clock.timezone)}). Escalate to ${escalate}.`;
  return markLate({
    text,
    blocks: [
      { type: 'section', text: `🚨 *SLA breach:* *${clock.label}* (${clock.priority.toUpperCase()}, ${clock.contractName}: ${clock.summary}) missed its ${clock.measure} target of ${clock.target}; it was due ${when(clock.due, clock.timezone)}.` },
      { type: 'section', text: `Escalate to ${escalate}.` },
    ],
  }, 'SLA breach', late);
}
