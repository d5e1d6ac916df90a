import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/store/client.js';
import { seriesKey } from '../../src/store/ledger-keys.js';
import type { SlackCall } from './slack-double.js';

/** The instant the seeded reminders fall due: the 30-day renewal step of a contract ending 2027-01-31. */
export const DUE_AT = '2026-12-02T09:00:00Z';
export const WORKSPACE = 'slack:T1';
export const WORKSPACE_CHANNEL = 'CWORKSPACE';

export function contractName(i: number): string {
  return `Load ${String(i).padStart(4, '0')}`;
}

export function channelName(i: number): string {
  return `CLOAD${String(i).padStart(3, '0')}`;
}

/**
 * `count` contracts spread evenly over `channels` channels (contract i in channel i mod channels),
 * each with one renewal reminder due at DUE_AT: `count` posts for a pass at that instant.
 */
export async function seedDueReminders(db: Db, count: number, channels: number): Promise<void> {
  await db.workspace.upsert({
    where: { id: WORKSPACE },
    create: { id: WORKSPACE, platform: 'slack', timezone: 'UTC', defaultChannel: WORKSPACE_CHANNEL },
    update: {},
  });
  for (let start = 0; start < count; start += 500) {
    const contracts = [];
    const reminders = [];
    for (let i = start; i < Math.min(start + 500, count); i += 1) {
      const id = randomUUID();
      const name = contractName(i);
      contracts.push({ id, workspaceId: WORKSPACE, name, nameKey: name.toLowerCase(), vendor: `Vendor ${i % 50}`, end: '2027-01-31', noticeDays: 30, deadline: '2027-01-01', ownerId: 'UOWNER', channelId: channelName(i % channels), createdBy: 'UOWNER' });
      reminders.push({ workspaceId: WORKSPACE, ...seriesKey({ of: 'contract', contractId: id, cycle: 1 }), contractId: id, kind: 'renewal', step: 'd30', dueAt: new Date(DUE_AT) });
    }
    await db.contract.createMany({ data: contracts });
    await db.reminder.createMany({ data: reminders });
  }
}

/** How many accepted posts each seeded contract got (by the name in the message's fallback text). */
export function postsPerContract(posts: readonly SlackCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const post of posts) {
    const name = /Load \d{4}/.exec(String(post.body['text']))?.[0];
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** Lost (never posted) and duplicated (posted more than once) contracts among the first `count`. */
export function deliveryFigures(posts: readonly SlackCall[], count: number): { lost: string[]; duplicates: number; duplicated: string[] } {
  const counts = postsPerContract(posts);
  const lost: string[] = [];
  const duplicated: string[] = [];
  let duplicates = 0;
  for (let i = 0; i < count; i += 1) {
    const n = counts.get(contractName(i)) ?? 0;
    if (n === 0) lost.push(contractName(i));
    if (n > 1) {
      duplicated.push(contractName(i));
      duplicates += n - 1;
    }
  }
  return { lost, duplicates, duplicated };
}
