import { instantAsText, placeholders, providerOf, type Provider } from './bulk-insert.js';
import { preparedOnConnection, type Db } from './client.js';

/**
 * The pass's hot statements, one for many rows, in each database's SQL (through Prisma's raw
 * queries: its per-statement planning cost as much as the database's work). Ids and per-row values
 * go in as one JSON parameter that the database unpacks itself.
 */

/** The condition of a row a pass may take: waiting, failed and due again, or claimed by a process whose lease ran out. */
const CLAIMABLE = `("status" = 'planned' OR ("status" = 'failed' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ?)) OR ("status" = 'sending' AND "claimedAt" < ?))`;

const CLAIM: Record<Provider, string> = {
  sqlite: `UPDATE "Reminder" SET "status" = 'sending', "claimToken" = ?, "claimedAt" = ?, "attempts" = "attempts" + 1, "updatedAt" = ?
    WHERE "id" IN (SELECT value FROM json_each(?)) AND ${CLAIMABLE} RETURNING "id"`,
  // Rows are locked in id order and rows another transaction holds are skipped (it is claiming or
  // changing them): two processes claiming overlapping rows never deadlock, and never wait.
  postgresql: `UPDATE "Reminder" SET "status" = 'sending', "claimToken" = ?, "claimedAt" = ?, "attempts" = "attempts" + 1, "updatedAt" = ?
    WHERE "id" IN (SELECT "id" FROM "Reminder" WHERE "id" IN (SELECT jsonb_array_elements_text(?::jsonb)) AND ${CLAIMABLE} ORDER BY "id" FOR UPDATE SKIP LOCKED)
    RETURNING "id"`,
};

const SENT: Record<Provider, string> = {
  sqlite: `UPDATE "Reminder" SET "status" = 'sent', "channelId" = v.value->>1, "messageTs" = v.value->>2, "late" = v.value->>3, "sentAt" = v.value->>4,
      "lastError" = NULL, "updatedAt" = ?
    FROM json_each(?) AS v WHERE "Reminder"."id" = v.value->>0 AND "Reminder"."claimToken" = v.value->>5`,
  postgresql: `UPDATE "Reminder" AS r SET "status" = 'sent', "channelId" = v->>1, "messageTs" = v->>2, "late" = (v->>3)::integer = 1, "sentAt" = (v->>4)::timestamptz,
      "lastError" = NULL, "updatedAt" = ?::timestamptz
    FROM jsonb_array_elements(?::jsonb) AS v WHERE r."id" = v->>0 AND r."claimToken" = v->>5`,
};

/**
 * Takes the claimable rows among `ids` for `token` in one statement (status `sending`, one more
 * attempt, the claim's wall-clock time); returns the ids it took.
 */
export async function claimRows(db: Db, ids: readonly string[], token: string, at: { now: Date; realNow: Date; leaseMs: number }): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const provider = providerOf(db);
  const realNow = instantAsText(at.realNow, provider);
  const expired = instantAsText(new Date(at.realNow.getTime() - at.leaseMs), provider);
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(placeholders(CLAIM[provider], provider), token, realNow, realNow, JSON.stringify(ids), instantAsText(at.now, provider), expired);
  return new Set(rows.map((r) => r.id));
}

export interface SentRow {
  id: string;
  token: string;
  channelId: string;
  messageId: string | null;
  late: boolean;
  at: Date;
}

/** One posted row (the pass's common case, with one post in flight): no JSON to unpack. */
const SENT_ONE = `UPDATE "Reminder" SET "status" = 'sent', "channelId" = ?, "messageTs" = ?, "late" = ?, "sentAt" = ?, "lastError" = NULL, "updatedAt" = ? WHERE "id" = ? AND "claimToken" = ?`;

/** Records posted rows as sent, each only while its claim is still the one that posted it; how many were. */
export async function recordSentRows(db: Db, rows: readonly SentRow[], stamped: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const provider = providerOf(db);
  // Once per post: straight on SQLite's connection when it can be.
  const one = rows.length === 1 && provider === 'sqlite' ? preparedOnConnection(db, SENT_ONE) : null;
  if (one) {
    const r = rows[0]!;
    return one.run(r.channelId, r.messageId, r.late ? 1 : 0, instantAsText(r.at, provider), instantAsText(stamped, provider), r.id, r.token).changes;
  }
  const values = rows.map((r) => [r.id, r.channelId, r.messageId, r.late ? 1 : 0, instantAsText(r.at, provider), r.token]);
  const args = [instantAsText(stamped, provider), JSON.stringify(values)];
  const direct = provider === 'sqlite' ? preparedOnConnection(db, SENT.sqlite) : null;
  return direct ? direct.run(...args).changes : db.$executeRawUnsafe(placeholders(SENT[provider], provider), ...args);
}
