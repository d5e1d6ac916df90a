import { ensureAllowed } from '../authorise.js';
import { calendarFeed, calendarFeedRequest } from './calendar-feed.js';
import { activeContracts } from '../../store/contracts.js';
import { audit } from '../../store/decisions.js';
import { replanContract } from '../../store/reminder-ledger.js';
import { updateWorkspace, type SettingsChange, type Workspace } from '../../store/workspaces.js';
import { amount, channel, mention } from '../../messages/format.js';
import { message } from '../../messages/model.js';
import { todayOf, type CommandContext, type CommandResult } from '../context.js';
import { UsageError } from '../errors.js';
import { parseOptions } from '../parse-args.js';
import type { Token } from '../tokenize.js';
import * as v from '../values.js';
import { z } from 'zod';
import { MAX_SURVEY_DAYS, MIN_SURVEY_DAYS, SURVEY_CLOSES_DAYS_BEFORE } from '../../domain/survey.js';

const EXAMPLE = '/renewals settings tz:Europe/Berlin time:09:00 channel:#renewals approvers:@alice,@bob threshold:50000 survey:60d';

/** `survey:60d` (days before the deadline, 15–365) or `survey:off`. */
const surveySetting = z
  .string()
  .transform((s, ctx): number | null => {
    if (s.toLowerCase() === 'off') return null;
    const match = /^(\d{1,4})d?$/i.exec(s);
    const days = match ? Number(match[1]) : NaN;
    if (!(days >= MIN_SURVEY_DAYS && days <= MAX_SURVEY_DAYS)) {
      ctx.addIssue({ code: 'custom', message: `must be a number of days before the deadline from ${MIN_SURVEY_DAYS}d to ${MAX_SURVEY_DAYS}d (a survey closes ${SURVEY_CLOSES_DAYS_BEFORE} days before it), like survey:60d, or survey:off` });
      return z.NEVER;
    }
    return days;
  });

const spec = {
  tz: v.timeZone,
  time: v.timeOfDay,
  channel: v.channelMention,
  approvers: v.userList,
  threshold: v.money,
  survey: surveySetting,
};

export function describeSettings(ws: Workspace): string {
  return [
    `• Time zone: ${ws.timezone}`,
    `• Reminder time: ${ws.reminderTime}`,
    `• Default channel: ${ws.defaultChannel ? channel(ws.defaultChannel) : 'none (each contract posts where it was added)'}`,
    `• Approvers: ${ws.approvers.length > 0 ? ws.approvers.map(mention).join(', ') : 'none (anyone may change settings; owners decide alone)'}`,
    `• Approval threshold: ${ws.threshold !== null ? `annual value of ${amount(ws.threshold, '').trim()} or more needs a second approver` : 'none'}`,
    `• Pulse survey: ${ws.surveyDays !== null ? `${ws.surveyDays} days before each notice deadline (closes ${SURVEY_CLOSES_DAYS_BEFORE} days before it)` : 'off'}`,
  ].join('\n');
}

export async function settings(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const feed = calendarFeedRequest(tokens);
  if (feed) return calendarFeed(ctx, feed);
  const stray = tokens.find((t) => t.key === undefined);
  if (stray) throw new UsageError(`Unknown word \`${stray.value.slice(0, 40)}\`: settings are \`key:value\` options.`, EXAMPLE);
  const options = parseOptions(tokens, spec, EXAMPLE);
  if (Object.keys(options).length === 0) {
    return { reply: message(`Settings: ${ctx.workspace.timezone}, ${ctx.workspace.reminderTime}.`, { type: 'section', text: `*Renewal Desk settings*\n${describeSettings(ctx.workspace)}\nChange with \`${EXAMPLE}\`.` }) };
  }
  ensureAllowed(ctx, { kind: 'change-settings' }, { doing: 'change settings' });
  const change: SettingsChange = {
    timezone: options.tz, reminderTime: options.time, defaultChannel: options.channel, approvers: options.approvers, threshold: options.threshold, surveyDays: options.survey,
  };
  if (change.approvers && ctx.workspace.approvers.length > 0 && !change.approvers.includes(ctx.userId)) {
    throw new UsageError('Keep yourself in the approvers list, or ask another approver to remove you: otherwise you would lock yourself out.', EXAMPLE);
  }
  // New times, or a survey moved or switched off: every pending reminder of the workspace is planned again.
  const retime = change.timezone !== undefined || change.reminderTime !== undefined || change.surveyDays !== undefined;
  const updated = await ctx.db.$transaction(async (tx) => {
    const ws = await updateWorkspace(tx, ctx.workspace.id, change);
    if (retime) {
      const today = todayOf({ now: ctx.now, workspace: ws });
      for (const contract of await activeContracts(tx, ws.id)) await replanContract(tx, contract, ws, today);
    }
    await audit(tx, { workspaceId: ws.id, contractId: null, actorId: ctx.userId, action: 'settings.changed', detail: options, at: ctx.now });
    return ws;
  });
  const warning = updated.threshold !== null && updated.approvers.length < 2 ? '\n⚠ Decisions at or above the threshold need a second, different approver: name at least two approvers.' : '';
  return { reply: message(`Settings saved: ${updated.timezone}, ${updated.reminderTime}.`, { type: 'section', text: `Settings saved.\n${describeSettings(updated)}${warning}` }) };
}
