import { z } from 'zod';
import type { Choice } from '../domain/decision-rules.js';
import { cents, mention } from './format.js';
import { CHOICE_LABELS } from './renewal.js';

const detail = z.object({
  choice: z.enum(['renew', 'renegotiate', 'terminate']).optional(),
  changes: z.array(z.string()).optional(),
  role: z.string().optional(),
  name: z.string().optional(),
  userId: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  roles: z.array(z.string()).optional(),
  until: z.string().optional(),
  end: z.string().optional(),
  proposedBy: z.string().optional(),
  credit: z.string().optional(),
  month: z.string().optional(),
  recovered: z.number().optional(),
  closesOn: z.string().optional(),
}).loose();

function parse(json: string): z.infer<typeof detail> {
  try {
    const parsed = detail.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const TERM: Record<string, string> = {
  'term.auto-renewed': 'The term ended and the contract auto-renewed',
  'term.expired': 'The term ended: expired (manual contract without a renew decision)',
  'term.terminated': 'The term ended: terminated',
};

/** One line of a contract's audit trail, in the message markup: what was done (the actor is shown beside it). */
export function describeAuditEvent(action: string, detailJson: string): string {
  const d = parse(detailJson);
  const choice = d.choice ? CHOICE_LABELS[d.choice as Choice] : 'a decision';
  if (action === 'decision.proposed') return `Proposed *${choice}*; a second approver must confirm`;
  if (action === 'decision.rejected') return `Rejected the proposal to *${choice}*${d.proposedBy ? ` by ${mention(d.proposedBy)}` : ''}`;
  if (action.startsWith('decision.')) return d.proposedBy ? `Approved *${choice}*, proposed by ${mention(d.proposedBy)}` : `Decided *${choice}*`;
  if (TERM[action]) return TERM[action]!;
  switch (action) {
    case 'contract.added':
      return `Added the contract${d.end ? ` (ending ${d.end})` : ''}`;
    case 'contract.edited':
      return `Edited: ${d.changes && d.changes.length > 0 ? d.changes.join('; ') : 'no visible change'}`;
    case 'contract.archived':
      return 'Archived the contract';
    case 'reminder.snoozed':
      return `Snoozed the renewal reminders${d.until ? ` until ${d.until}` : ''}`;
    case 'contact.added':
    case 'contact.updated':
      return `${action === 'contact.added' ? 'Added' : 'Updated'} ${d.userId ? mention(d.userId) : (d.name ?? 'a contact')} as ${d.role ?? 'a contact'}`;
    case 'contact.removed':
      return `Removed a contact${d.role ? ` (${d.role})` : ''}`;
    case 'contact.owner':
      return `Changed the owner${d.from ? ` from ${mention(d.from)}` : ''}${d.to ? ` to ${mention(d.to)}` : ''}`;
    case 'contact.handover':
      return `Handed over ${d.roles?.join(', ') ?? 'roles'}${d.from ? ` of ${mention(d.from)}` : ''}${d.to ? ` to ${mention(d.to)}` : ''}`;
    case 'survey.opened':
      return `Started a pulse survey${d.closesOn ? ` (open until ${d.closesOn})` : ''}`;
    case 'credit.claimed':
    case 'credit.credited':
    case 'credit.rejected':
    case 'credit.waived': {
      const what = { 'credit.claimed': 'claim sent', 'credit.credited': 'credited', 'credit.rejected': 'rejected by the vendor', 'credit.waived': 'waived' }[action];
      const recovered = d.recovered !== undefined ? ` (${cents(d.recovered, '').trim()} recovered)` : '';
      return `Service credit ${d.credit ?? ''}${d.month ? ` for ${d.month}` : ''}: ${what}${recovered}`;
    }
    default:
      return action;
  }
}
