import { deadlineOf } from '../../domain/contract-terms.js';
import { formatTiers } from '../../domain/credits.js';
import { formatInstant } from '../../domain/zoned-time.js';
import { termsOf } from '../../store/contracts.js';
import { currentDecision } from '../../store/decisions.js';
import { upcomingReminders } from '../../store/reminder-ledger.js';
import { channel, day, daysLeft, mention } from '../../messages/format.js';
import { message, type Block } from '../../messages/model.js';
import { contractFields, decisionLine } from '../../messages/renewal.js';
import { noteOf } from '../../messages/reminder-card.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import type { Token } from '../tokenize.js';
import { positionals } from '../parse-args.js';
import { requireContract } from './lookup.js';
import { contactsOf, type Contact } from '../../store/contacts.js';
import { issueLabel, listIssues } from '../../store/issues.js';
import { slaPolicyOf } from '../../store/sla-policies.js';
import { hoursText, targetLines } from '../../messages/sla-status.js';
import type { Reminder } from '../../store/reminder-ledger.js';
import type { Db } from '../../store/client.js';

const OPEN_ISSUES_SHOWN = 5;

function describeContacts(ownerId: string, contacts: Contact[]): string {
  const lines = [`• owner: ${mention(ownerId)}`];
  for (const c of contacts) {
    const who = c.kind === 'internal' && c.userId ? mention(c.userId) : `${c.name ?? '?'} (vendor)${c.email ? ` ${c.email}` : ''}${c.phone ? ` ${c.phone}` : ''}`;
    lines.push(`• ${c.role}: ${who}`);
  }
  return `*Contacts*\n${lines.join('\n')}`;
}

async function slaSection(db: Db, contractId: string, contractName: string, timezone: string): Promise<string> {
  const policy = await slaPolicyOf(db, contractId, timezone);
  const lines = targetLines(policy);
  const uptime = policy.uptimeTarget !== null ? `uptime target ${policy.uptimeTarget} %` : 'no uptime target';
  const credits = policy.creditTiers.length > 0 ? `\nService credits: ${formatTiers(policy.creditTiers)} of the monthly fee; claim within ${policy.claimDays} days of the month's end` : '';
  if (lines.length === 0 && policy.uptimeTarget === null && !credits) {
    return `*SLA targets*\nnone set yet: \`/sla set "${contractName}" p1 response:1h resolution:8h\``;
  }
  return `*SLA targets* · ${hoursText(policy, timezone)} · ${uptime}\n${lines.length > 0 ? lines.join('\n') : 'no response or resolution targets yet'}${credits}`;
}

async function openIssuesSection(ctx: CommandContext, contractId: string): Promise<string> {
  const open = await listIssues(ctx.db, ctx.workspace.id, { contractId, openOnly: true, limit: OPEN_ISSUES_SHOWN + 1 });
  if (open.length === 0) return '*Open issues*\nnone';
  const tz = ctx.workspace.timezone;
  const lines = open.slice(0, OPEN_ISSUES_SHOWN).map(
    (i) => `• *${issueLabel(i)}* ${i.priority.toUpperCase()} · ${i.summary} · opened ${formatInstant(i.openedAt, tz)} · ${i.respondedAt ? 'vendor responded' : 'waiting for the vendor'}`,
  );
  const more = open.length > OPEN_ISSUES_SHOWN ? `\nMore: \`/issue list\`` : '';
  return `*Open issues*\n${lines.join('\n')}${more}`;
}

function reminderLine(r: Reminder, now: Date, tz: string): string {
  const days = r.step.slice(1);
  const what =
    r.kind === 'renewal'
      ? r.step.startsWith('d')
        ? `renewal reminder (${days} day${days === '1' ? '' : 's'} before the deadline)`
        : 'renewal reminder (snoozed)'
      : r.kind === 'deadline'
        ? 'deadline passed notice'
        : r.kind === 'survey'
          ? 'pulse survey opens'
          : 'end of term';
  // Due but not posted yet: the next scheduler pass posts it (within minutes).
  const due = r.dueAt.getTime() <= now.getTime() ? ' — due now, goes out with the next scheduler pass' : '';
  return `• ${formatInstant(r.dueAt, tz)} ${what}${due}`;
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
        { label: 'Term', value: contract.start ? `${day(contract.start)} to ${day(contract.end)}` : `to ${day(contract.end)}; start not recorded` },
        { label: 'Notice', value: contract.noticeDays === 0 ? 'none (the deadline is the end date)' : `${contract.noticeDays} day${contract.noticeDays === 1 ? '' : 's'}` },
        { label: 'Tier', value: String(contract.tier) },
        { label: 'Channel', value: contract.channelId ? channel(contract.channelId) : 'workspace default' },
        ...(contract.services ? [{ label: 'Services', value: contract.services }] : []),
        ...(contract.departments ? [{ label: 'Departments', value: contract.departments }] : []),
      ],
    },
    { type: 'section', text: describeContacts(contract.ownerId, await contactsOf(ctx.db, contract.id)) },
    { type: 'section', text: await slaSection(ctx.db, contract.id, contract.name, tz) },
    { type: 'section', text: await openIssuesSection(ctx, contract.id) },
  ];
  if (decision) blocks.push({ type: 'section', text: decisionLine(decision, tz) });
  const next = upcoming.map((r) => reminderLine(r, ctx.now, tz));
  blocks.push({ type: 'section', text: `*Next reminders* (${tz}):\n${next.length > 0 ? next.join('\n') : 'none'}` });
  const text = `${contract.name} (${contract.vendor}): notice deadline ${deadline} (${daysLeft(today, deadline)}), ends ${day(contract.end)}.`;
  return { reply: message(text, ...blocks) };
}
