import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { insertContract, prepareContract, type ContractInput, type PreparedContract } from '../commands/contract/create.js';
import { contractFieldSpec } from '../commands/contract/fields.js';
import { CHANNEL_ID_PATTERN, contractName, USER_ID_PATTERN } from '../commands/values.js';
import { dayIn } from '../domain/zoned-time.js';
import type { Db } from '../store/client.js';
import { nameKey } from '../store/contracts.js';
import { ensureWorkspace, type Platform } from '../store/workspaces.js';

const workspaceColumn = z
  .string()
  .trim()
  .regex(/^((slack|teams):)?[A-Za-z0-9-]{1,64}$/, { error: 'must be a workspace id like slack:T0123ABC' })
  .transform((s) => (s.includes(':') ? s : `slack:${s}`));

/** With no workspace column and no --workspace, a database with a single workspace implies it. */
async function soleWorkspace(db: Db): Promise<string | undefined> {
  const workspaces = await db.workspace.findMany({ select: { id: true }, take: 2 });
  return workspaces.length === 1 ? workspaces[0]!.id : undefined;
}

/** CSV cells may hold bare ids; the command schemas want the chat mention forms. */
function normalise(key: string, value: string): string {
  if (key === 'owner' && USER_ID_PATTERN.test(value)) return `<@${value}>`;
  if (key === 'channel' && CHANNEL_ID_PATTERN.test(value)) return `<#${value}>`;
  return value;
}

/**
 * Adds every contract of a CSV file, or none: all rows are validated first (errors name their line),
 * then one transaction stores them.
 */
export async function importContracts(db: Db, file: string, defaultTimezone: string, now = new Date(), workspaceOption?: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  const fallbackWorkspace = workspaceOption ?? (await soleWorkspace(db));
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    console.error(`${file}: not valid CSV: ${(error as Error).message}`);
    return 1;
  }
  const today = dayIn(now, defaultTimezone);
  const spec = contractFieldSpec(today);
  const allowed = new Set(['name', 'workspace', 'status', ...Object.keys(spec)]);
  const problems: string[] = [];
  const prepared: { line: number; workspaceId: string; contract: PreparedContract }[] = [];
  const seen = new Map<string, number>();
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const unknown = header.filter((h) => !allowed.has(h));
  if (unknown.length > 0) problems.push(`header: unknown column(s) ${unknown.join(', ')}; allowed: ${[...allowed].join(', ')}`);
  for (const [i, row] of rows.entries()) {
    const line = i + 2;
    const rowProblems: string[] = [];
    const ws = workspaceColumn.safeParse(row['workspace'] || fallbackWorkspace || '');
    if (!ws.success) rowProblems.push(row['workspace'] ? `workspace ${ws.error.issues[0]?.message}` : 'workspace is missing: add a workspace column (slack:T0123ABC) or pass --workspace');
    const name = contractName.safeParse(row['name'] ?? '');
    if (!name.success) rowProblems.push(`name ${name.error.issues[0]?.message}`);
    const input: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(spec)) {
      const cell = row[key];
      if (cell === undefined || cell === '') continue;
      const parsed = schema.safeParse(normalise(key, cell));
      if (parsed.success) input[key] = parsed.data;
      else rowProblems.push(`${key} "${cell.slice(0, 40)}" ${parsed.error.issues[0]?.message}`);
    }
    for (const key of ['vendor', 'end'] as const) if (!row[key]) rowProblems.push(`${key} is required`);
    if (ws.success && name.success) {
      const key = `${ws.data}:${nameKey(name.data)}`;
      if (seen.has(key)) rowProblems.push(`name "${name.data}" repeats line ${seen.get(key)}`);
      seen.set(key, line);
    }
    if (rowProblems.length === 0 && ws.success && name.success) {
      try {
        const contract = prepareContract({ ...(input as Omit<ContractInput, 'name'>), name: name.data } as ContractInput, {
          // Nobody typed the row: without an owner column the contract starts unowned (approvers decide).
          workspaceId: ws.data, userId: typeof input['owner'] === 'string' ? input['owner'] : '', channelId: null, today,
        });
        prepared.push({ line, workspaceId: ws.data, contract });
      } catch (error) {
        rowProblems.push((error as Error).message.replace(/[`*]/g, ''));
      }
    }
    if (rowProblems.length > 0) problems.push(`line ${line}: ${rowProblems.join('; ')}`);
  }
  if (problems.length > 0) {
    console.error(`${file}: nothing was imported. Fix these ${problems.length} problem(s):\n${problems.slice(0, 50).map((p) => `  ${p}`).join('\n')}`);
    console.error('Example row: workspace,name,vendor,end,notice,owner\n             slack:T0123ABC,Globex Support,Globex,2027-03-31,60d,U0123ABC');
    return 1;
  }
  const existing = await db.contract.findMany({
    where: { OR: prepared.map((p) => ({ workspaceId: p.workspaceId, nameKey: p.contract.data.nameKey })) },
    select: { workspaceId: true, name: true },
  });
  if (existing.length > 0) {
    console.error(`${file}: nothing was imported; these names already exist: ${existing.map((e) => `${e.name} (${e.workspaceId})`).join(', ')}`);
    return 1;
  }
  await db.$transaction(
    async (tx) => {
      for (const [i, p] of prepared.entries()) {
        const platform = p.workspaceId.split(':')[0] as Platform;
        const workspace = await ensureWorkspace(tx, p.workspaceId, platform, defaultTimezone, now);
        await insertContract(tx, p.contract, workspace, dayIn(now, workspace.timezone), now);
        if ((i + 1) % 500 === 0) process.stderr.write(`imported ${i + 1}/${prepared.length}…\n`);
      }
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  console.log(`imported ${prepared.length} contract(s) from ${file}`);
  return 0;
}
