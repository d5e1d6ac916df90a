import { z } from 'zod';
import type { Db, Tx } from './client.js';

export type Platform = 'slack' | 'teams' | 'console';

/** A workspace (a Slack team, a Teams tenant) and the settings `/renewals settings` shows and changes. */
export interface Workspace {
  id: string;
  platform: Platform;
  timezone: string;
  reminderTime: string;
  defaultChannel: string | null;
  approvers: string[];
  threshold: number | null;
  /** The pulse survey opens this many days before a deadline; null: surveys are off. */
  surveyDays: number | null;
}

const approverList = z.array(z.string());

export function workspaceId(platform: Platform, externalId: string): string {
  return `${platform}:${externalId}`;
}

/** The columns a workspace is read from. */
export const WORKSPACE_COLUMNS = ['id', 'platform', 'timezone', 'reminderTime', 'defaultChannel', 'approvers', 'threshold', 'surveyDays'] as const;

type WorkspaceRow = { [K in (typeof WORKSPACE_COLUMNS)[number]]: K extends 'defaultChannel' ? string | null : K extends 'threshold' | 'surveyDays' ? number | null : string };

export function workspaceOfRow(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    platform: row.platform as Platform,
    timezone: row.timezone,
    reminderTime: row.reminderTime,
    defaultChannel: row.defaultChannel,
    approvers: approverList.parse(JSON.parse(row.approvers)),
    threshold: row.threshold,
    surveyDays: row.surveyDays,
  };
}

/**
 * The workspace of a request, created with the default time zone on first contact. `now` is the
 * bot's clock: what a workspace missed before it existed (last month's report) is judged by it.
 */
export async function ensureWorkspace(db: Db | Tx, id: string, platform: Platform, defaultTimezone: string, now: Date): Promise<Workspace> {
  // Every request asks: one read when it exists (Prisma's upsert is a transaction of three statements).
  const found = await db.workspace.findUnique({ where: { id } });
  if (found) return workspaceOfRow(found);
  try {
    return workspaceOfRow(await db.workspace.create({ data: { id, platform, timezone: defaultTimezone, createdAt: now } }));
  } catch (error) {
    // Two first requests of a new workspace at the same instant (two instances, or a retried
    // request) both insert, and one gets P2002: the workspace exists then.
    if ((error as { code?: string }).code !== 'P2002') throw error;
    return workspaceOfRow(await db.workspace.findUniqueOrThrow({ where: { id } }));
  }
}

export async function getWorkspace(db: Db | Tx, id: string): Promise<Workspace | null> {
  const row = await db.workspace.findUnique({ where: { id } });
  return row ? workspaceOfRow(row) : null;
}

export interface SettingsChange {
  timezone?: string;
  reminderTime?: string;
  defaultChannel?: string;
  approvers?: string[];
  threshold?: number;
  /** null: surveys off. */
  surveyDays?: number | null;
}

export async function updateWorkspace(db: Db | Tx, id: string, change: SettingsChange): Promise<Workspace> {
  const row = await db.workspace.update({
    where: { id },
    data: {
      ...(change.timezone !== undefined && { timezone: change.timezone }),
      ...(change.reminderTime !== undefined && { reminderTime: change.reminderTime }),
      ...(change.defaultChannel !== undefined && { defaultChannel: change.defaultChannel }),
      ...(change.approvers !== undefined && { approvers: JSON.stringify(change.approvers) }),
      ...(change.threshold !== undefined && { threshold: change.threshold }),
      ...(change.surveyDays !== undefined && { surveyDays: change.surveyDays }),
    },
  });
  return workspaceOfRow(row);
}

/** Every workspace, with what monthly planning (reports, service credits) needs. */
export async function allWorkspaces(db: Db): Promise<{ id: string; timezone: string; reminderTime: string; defaultChannel: string | null; createdAt: Date; creditMonth: string | null; reportMonth: string | null }[]> {
  return db.workspace.findMany({ select: { id: true, timezone: true, reminderTime: true, defaultChannel: true, createdAt: true, creditMonth: true, reportMonth: true } });
}

/** Marks a workspace's monthly SLA reports of `month` planned: later passes ask nothing more about them. */
export async function markReportsPlanned(db: Db, workspaceId: string, month: string): Promise<void> {
  await db.workspace.updateMany({ where: { id: workspaceId, OR: [{ reportMonth: null }, { reportMonth: { lt: month } }] }, data: { reportMonth: month } });
}

/** Whether the database holds no workspace at all (a fresh install: the sandbox seeds its demo then). */
export async function noWorkspaceYet(db: Db): Promise<boolean> {
  return (await db.workspace.findFirst({ select: { id: true } })) === null;
}
