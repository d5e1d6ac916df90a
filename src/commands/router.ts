import { helpFor, HELP } from './help.js';
import type { CommandContext, CommandResult } from './context.js';
import { RefusedError, UsageError } from './errors.js';
import { tokenize, type Token } from './tokenize.js';
import { message, plain } from '../messages/model.js';
import { addContract } from './contract/add.js';
import { listContracts } from './contract/list.js';
import { showContract } from './contract/show.js';
import { editContract } from './contract/edit.js';
import { decideCommand } from './contract/decide-command.js';
import { askArchive } from './contract/archive.js';
import { contactCommand } from './contract/contact.js';
import { handoverCommand, leavingCommand } from './contract/handover.js';
import { surveyCommand } from './contract/survey.js';
import { scorecardCommand } from './contract/scorecard.js';
import { renewalCalendar } from './renewals/calendar.js';
import { settings } from './renewals/settings.js';
import { spendCommand } from './renewals/spend.js';
import { logIssue } from './issue/log.js';
import { issueCommand } from './issue/lifecycle.js';
import { recordOutage } from './issue/outage.js';
import { listIssuesCommand } from './issue/list.js';
import { slaStatus } from './sla/status.js';
import { slaSet } from './sla/set.js';
import { listCredits } from './sla/credits.js';
import { creditCommand } from './sla/credit.js';

export type CommandName = keyof typeof HELP;
export const COMMAND_NAMES = Object.keys(HELP) as CommandName[];

type Handler = (ctx: CommandContext, tokens: Token[]) => Promise<CommandResult>;

// Maps, not object literals: a typed word like `constructor` or `__proto__` must not find a handler.
const CONTRACT = new Map<string, Handler>([
  ['add', addContract],
  ['list', listContracts],
  ['show', showContract],
  ['edit', editContract],
  ['decide', decideCommand],
  ['archive', askArchive],
  ['contact', contactCommand],
  ['leaving', leavingCommand],
  ['handover', handoverCommand],
  ['survey', surveyCommand],
  ['scorecard', scorecardCommand],
]);

const ISSUE = new Map<string, Handler>([
  ['log', logIssue],
  ['respond', (ctx, tokens) => issueCommand(ctx, 'respond', tokens)],
  ['resolve', (ctx, tokens) => issueCommand(ctx, 'resolve', tokens)],
  ['reopen', (ctx, tokens) => issueCommand(ctx, 'reopen', tokens)],
  ['outage', recordOutage],
  ['list', listIssuesCommand],
]);

/** `/sla <word> …`; anything else is a contract name (`/sla "Globex Support"`). */
const SLA = new Map<string, Handler>([
  ['set', slaSet],
  ['credits', listCredits],
  ['credit', creditCommand],
]);

const MAX_INPUT = 4000;

/** A typed line (Teams, the console): `contract list`, `/contract list`, `Contract list` → the command and the rest. */
export function splitCommandLine(text: string): { name: CommandName | null; word: string; rest: string } {
  const match = /^\/?(\S*)\s*([\s\S]*)$/.exec(text.trim())!;
  const word = match[1]!.toLowerCase();
  const name = (COMMAND_NAMES as string[]).includes(word) ? (word as CommandName) : null;
  return { name, word, rest: match[2]! };
}

const RENEWALS_HINT = 'The next 90 days; another window: `/renewals within:6m`. Settings and everything else: `/renewals help`.';

/**
 * Runs one command line for any platform. Bad input becomes a private error with an example;
 * an unexpected failure is logged and answered politely; nothing escapes to crash the process.
 */
export async function runCommand(command: CommandName, text: string, ctx: CommandContext): Promise<CommandResult> {
  try {
    const example = HELP[command].split('\n')[1] ?? '';
    if (text.length > MAX_INPUT) throw new UsageError(`That command is ${text.length} characters long; the limit is ${MAX_INPUT}.`, usageExample(example));
    const tokens = tokenize(text, example.replace(/^• /, ''));
    const [first, ...rest] = tokens;
    if (!first && command === 'renewals') {
      // The calendar is what people want from a bare /renewals; one line says where the rest is.
      const calendar = await renewalCalendar(ctx, []);
      return { reply: { text: calendar.reply.text, blocks: [...calendar.reply.blocks, { type: 'context', text: RENEWALS_HINT }] } };
    }
    if (!first || asksHelp(first)) return { reply: helpFor(command) };
    const subcommands = command === 'contract' ? CONTRACT : command === 'issue' ? ISSUE : null;
    const handler = subcommands && first.key === undefined ? subcommands.get(first.value.toLowerCase()) : undefined;
    if (subcommands && !handler) throw new UsageError(`\`${first.value.slice(0, 40)}\` is not ${command === 'issue' ? 'an' : 'a'} /${command} command.`, `/${command} help`);
    // `/issue log help`, `/renewals settings help`: that subcommand's usage.
    if (first.key === undefined && rest.length === 1 && asksHelp(rest[0]!)) return { reply: helpFor(command, first.value.toLowerCase()) };
    if (handler) return await handler(ctx, rest);
    if (command === 'renewals') {
      if (first.key === undefined && first.value.toLowerCase() === 'settings') return await settings(ctx, rest);
      if (first.key === undefined && first.value.toLowerCase() === 'spend') return await spendCommand(ctx, rest);
      return await renewalCalendar(ctx, tokens);
    }
    const sla = first.key === undefined ? SLA.get(first.value.toLowerCase()) : undefined;
    if (sla) return await sla(ctx, rest);
    return await slaStatus(ctx, tokens);
  } catch (error) {
    return { reply: errorMessage(error, ctx) };
  }
}

export function errorMessage(error: unknown, ctx: Pick<CommandContext, 'log'>) {
  if (error instanceof UsageError) {
    const example = error.example ? `\nExample: \`${error.example}\`` : '';
    return message(`⚠ ${sentence(stripMarkup(error.message))}${error.example ? ` Example: ${error.example}` : ''}`, { type: 'section', text: `⚠ ${error.message}${example}` });
  }
  if (error instanceof RefusedError) return message(`⛔ ${stripMarkup(error.message)}`, { type: 'section', text: `⛔ ${error.message}` });
  ctx.log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'error');
  return plain('Something went wrong on our side; nothing was changed. Please try again in a minute.');
}

function stripMarkup(text: string): string {
  return text.replace(/[*`]/g, '');
}

/** The plain-text fallback runs on into "Example: …": end the message as a sentence first. */
function sentence(text: string): string {
  return /[.!?:)]$/.test(text.trimEnd()) ? text : `${text.trimEnd()}.`;
}

/** "• `/contract add …` — what it does" → "/contract add …": the first usage line, as an example. */
function usageExample(line: string): string | undefined {
  const code = /`([^`]+)`/.exec(line);
  return code?.[1] ?? (line.replace(/^• /, '') || undefined);
}

function asksHelp(token: Token): boolean {
  return token.key === undefined && ['help', '--help', '?'].includes(token.value.toLowerCase());
}
