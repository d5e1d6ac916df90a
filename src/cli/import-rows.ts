import { z } from 'zod';
import { prepareContract, type ContractInput, type PreparedContract } from '../commands/contract/create.js';
import { UsageError } from '../commands/errors.js';
import { contractFieldSpec, type ContractFieldSpec } from '../commands/contract/fields.js';
import { CHANNEL_ID_PATTERN, contractName, USER_ID_PATTERN } from '../commands/values.js';
import type { Day } from '../domain/days.js';
import { restoreFormula } from './csv-cells.js';

export const EXAMPLE_ROWS = 'Example rows:\n  workspace,name,vendor,end,notice,owner\n  slack:T0123ABC,Globex Support,Globex,2027-03-31,60d,U0123ABC';

const REQUIRED_COLUMNS = ['name', 'vendor', 'end'] as const;

const workspaceColumn = z
  .string()
  .trim()
  .regex(/^((slack|teams):)?[A-Za-z0-9-]{1,64}$/, { error: 'must be a workspace id like slack:T0123ABC' })
  .transform((s) => (s.includes(':') ? s : `slack:${s}`));

/** CSV cells may hold bare ids; the command schemas want the chat mention forms. */
function normalise(key: string, value: string): string {
  if (key === 'owner' && USER_ID_PATTERN.test(value)) return `<@${value}>`;
  if (key === 'channel' && CHANNEL_ID_PATTERN.test(value)) return `<#${value}>`;
  return value;
}

export type RowResult = { ok: true; workspaceId: string; contract: PreparedContract } | { ok: false; problems: string[] };

/** Validates CSV rows exactly as `/contract add` validates its options, as of one day. */
export class RowValidator {
  private readonly spec: ContractFieldSpec;
  readonly allowed: Set<string>;

  constructor(
    private readonly today: Day,
    /** The --workspace option, or the only workspace in the database. */
    private readonly fallbackWorkspace: string | undefined,
  ) {
    this.spec = contractFieldSpec(today);
    this.allowed = new Set(['name', 'workspace', 'status', ...Object.keys(this.spec)]);
  }

  /** Problems with the header line itself: the rows are not worth reading then. */
  headerProblems(header: readonly string[]): string[] {
    const problems: string[] = [];
    const unknown = header.filter((h) => !this.allowed.has(h));
    if (unknown.length > 0) problems.push(`header: unknown column(s) ${unknown.join(', ')}; allowed: ${[...this.allowed].join(', ')}`);
    const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0) problems.push(`header: missing column(s) ${missing.join(', ')}`);
    const repeated = header.filter((h, i) => header.indexOf(h) !== i);
    if (repeated.length > 0) problems.push(`header: repeated column(s) ${[...new Set(repeated)].join(', ')}`);
    return problems;
  }

  row(raw: Record<string, string>): RowResult {
    // An exported file neutralised formula-looking cells with a leading '; this gives back the text.
    const row = (key: string) => restoreFormula(raw[key] ?? '');
    const problems: string[] = [];
    const ws = workspaceColumn.safeParse(row('workspace') || this.fallbackWorkspace || '');
    if (!ws.success) problems.push(row('workspace') ? `workspace ${ws.error.issues[0]?.message}` : 'workspace is missing: add a workspace column (slack:T0123ABC) or pass --workspace');
    const name = contractName.safeParse(row('name'));
    if (!name.success) problems.push(`name ${name.error.issues[0]?.message}`);
    const input: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(this.spec)) {
      const cell = row(key);
      if (cell === '') continue;
      const parsed = schema.safeParse(normalise(key, cell));
      if (parsed.success) input[key] = parsed.data;
      else problems.push(`${key} "${cell.slice(0, 40)}" ${parsed.error.issues[0]?.message}`);
    }
    for (const key of ['vendor', 'end'] as const) if (!row(key)) problems.push(`${key} is required`);
    if (problems.length > 0 || !ws.success || !name.success) return { ok: false, problems };
    try {
      const contract = prepareContract({ ...(input as Omit<ContractInput, 'name'>), name: name.data } as ContractInput, {
        // Nobody typed the row: without an owner column the contract starts unowned (approvers decide).
        workspaceId: ws.data, userId: typeof input['owner'] === 'string' ? input['owner'] : '', channelId: null, today: this.today,
      });
      return { ok: true, workspaceId: ws.data, contract };
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return { ok: false, problems: [error.message.replace(/[`*]/g, '')] };
    }
  }
}
