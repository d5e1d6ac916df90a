import { formatInstant } from '../../domain/zoned-time.js';
import { contractNamesById } from '../../store/contracts.js';
import { issueLabel, listIssues } from '../../store/issues.js';
import { mention } from '../../messages/format.js';
import { message, type Block } from '../../messages/model.js';
import type { CommandContext, CommandResult } from '../context.js';
import type { Token } from '../tokenize.js';
import { listScope } from '../contract/lookup.js';

const EXAMPLE = '/issue list "Globex Support" all';
const LIMIT = 30;

/** `/issue list [<contract>] [open|all]`: newest first; open ones by default. */
export async function listIssuesCommand(ctx: CommandContext, tokens: Token[]): Promise<CommandResult> {
  const { scope, contract } = await listScope(ctx, tokens, '/issue list', EXAMPLE);
  const issues = await listIssues(ctx.db, ctx.workspace.id, { contractId: contract?.id, openOnly: scope === 'open', limit: LIMIT + 1 });
  const names = await contractNamesById(ctx.db, issues.map((i) => i.contractId));
  const title = `${scope === 'open' ? 'Open issues' : 'Issues'}${contract ? ` of ${contract.name}` : ''}`;
  if (issues.length === 0) return { reply: message(`${title}: none.`, { type: 'section', text: `${title}: none.` }) };
  const tz = ctx.workspace.timezone;
  const lines = issues.slice(0, LIMIT).map((i) => {
    const state = i.resolvedAt ? `resolved ${formatInstant(i.resolvedAt, tz)}` : i.respondedAt ? 'responded, open' : 'open';
    return `• *${issueLabel(i)}* ${i.priority.toUpperCase()} · ${names.get(i.contractId) ?? '?'} · ${i.summary} · opened ${formatInstant(i.openedAt, tz)} by ${mention(i.openedBy)} · ${state}`;
  });
  const blocks: Block[] = [{ type: 'header', text: title }];
  for (let i = 0; i < lines.length; i += 15) blocks.push({ type: 'section', text: lines.slice(i, i + 15).join('\n') });
  if (issues.length > LIMIT) blocks.push({ type: 'context', text: `Showing the newest ${LIMIT}.` });
  return { reply: message(`${title}: ${Math.min(issues.length, LIMIT)} shown.`, ...blocks) };
}
