import { deadlineOf } from '../../domain/contract-terms.js';
import { formatInstant } from '../../domain/zoned-time.js';
import { termsOf } from '../../store/contracts.js';
import { currentDecision } from '../../store/decisions.js';
import { upcomingReminders } from '../../store/reminder-ledger.js';
import { channel, day, daysLeft, mention } from '../../messages/format.js';
import { message, type Block } from '../../messages/model.js';
import { contractFields, decisionLine } from '../../messages/renewal.js';
import { noteOf } from '../../scheduler/reminder-message.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import type { Token } from '../tokenize.js';
import { positionals } from '../parse-args.js';
import { requireContract } from './lookup.js';
import { contactsOf, type Contact } from '../../store/contacts.js';

function describeContacts(ownerId: string, contacts: Contact[]): string {
  const lines = [`• owner: ${mention(ownerId)}`];
  for (const c of contacts) {
    const who = c.kind === 'internal' && c.userId ? mention(c.userId) : `${c.name ?? '?'} (vendor)${c.email ? ` ${c.email}` : ''}${c.phone ? ` ${c.phone}` : ''}`;
    lines.push(`• ${c.role}: ${who}`);
  }
  return `*Contacts*\n${lines.join('\n')}`;
}

export async function showContract(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const contract = await requireContract(ctx, positionals(tokens).join(' '), '/contract show "Globex Support"');
  const today = todayOf(ctx);
  const deadline = deadlineOf(termsOf(contract));
  const upcoming = await upcomingReminders(ctx.db, contract.id, contract.cycle);
  const decision = noteOf(await currentDecision(ctx.db, contract.id, contract.cycle));
  const tz = ctx.workspace.timezone;
  const blocks: Block[] = [
    { type: 'header', text: `${contract.name}${contract.status === 'active' ? '' : ` (${contract.status})`}` },
    contractFields(contract, today),
    {
      type: 'fields',
      fields: [
        { label: 'Term', value: `${contract.start ?? '?'} to ${contract.end}` },
        { label: 'Notice', value: `${contract.noticeDays} days` },
        { label: 'Tier', value: String(contract.tier) },
        { label: 'Channel', value: contract.channelId ? channel(contract.channelId) : 'workspace default' },
        ...(contract.services ? [{ label: 'Services', value: contract.services }] : []),
        ...(contract.departments ? [{ label: 'Departments', value: contract.departments }] : []),
      ],
    },
    { type: 'section', text: describeContacts(contract.ownerId, await contactsOf(ctx.db, contract.id)) },
  ];
  if (decision) blocks.push({ type: 'section', text: decisionLine(decision, tz) });
  const next = upcoming.map((r) => `• ${formatInstant(r.dueAt, tz)} ${r.kind === 'renewal' ? (r.step.startsWith('d') ? `renewal reminder (${r.step.slice(1)} days before the deadline)` : 'renewal reminder (snoozed)') : r.kind === 'deadline' ? 'deadline passed notice' : 'end of term'}`);
  blocks.push({ type: 'section', text: `*Next reminders* (${tz}):\n${next.length > 0 ? next.join('\n') : 'none'}` });
  const text = `${contract.name} (${contract.vendor}): notice deadline ${deadline} (${daysLeft(today, deadline)}), ends ${day(contract.end)}.`;
  return { reply: message(text, ...blocks) };
}
