import { stringify } from 'csv-stringify/sync';
import type { Db } from '../store/client.js';

export const EXPORT_COLUMNS = ['workspace', 'name', 'vendor', 'services', 'start', 'end', 'notice', 'renewal', 'term', 'value', 'currency', 'per', 'tier', 'owner', 'channel', 'departments', 'status'] as const;

/** Every contract as CSV, in the columns `import` reads (plus status). */
export async function exportContracts(db: Db, out: NodeJS.WritableStream, workspaceId?: string): Promise<void> {
  out.write(stringify([EXPORT_COLUMNS as unknown as string[]]));
  let cursor: string | undefined;
  for (;;) {
    const page = await db.contract.findMany({
      where: workspaceId ? { workspaceId } : {},
      orderBy: { id: 'asc' },
      take: 500,
      ...(cursor && { cursor: { id: cursor }, skip: 1 }),
    });
    if (page.length === 0) break;
    out.write(
      stringify(
        page.map((c) => [
          c.workspaceId, c.name, c.vendor, c.services ?? '', c.start ?? '', c.end, `${c.noticeDays}d`, c.renewal, `${c.termMonths}m`,
          c.value ?? '', c.currency, c.per, c.tier, c.ownerId, c.channelId ?? '', c.departments ?? '', c.status,
        ]),
      ),
    );
    cursor = page[page.length - 1]!.id;
  }
}
