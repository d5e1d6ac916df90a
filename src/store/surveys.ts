import type { Survey } from '../generated/prisma/client.js';
import { tally, type Tally } from '../domain/survey.js';
import type { Db, Tx } from './client.js';
import { seriesKey } from './ledger-keys.js';
import { isUniqueViolation } from './unique-violation.js';

export type { Survey };

export interface NewSurvey {
  workspaceId: string;
  contractId: string;
  cycle: number;
  openedBy: string;
  openedAt: Date;
  closesOn: string;
  reminderId: string | null;
}

/**
 * Opens a survey and plans its close (`closeAt`, in `channelId`), in the caller's transaction; null
 * when the contract already has an open one (its open slot is a unique key, so two at once resolve to one).
 */
export async function openSurvey(tx: Tx, survey: NewSurvey, close: { at: Date; channelId: string | null }): Promise<Survey | null> {
  let created: Survey;
  try {
    created = await tx.survey.create({ data: { ...survey, openKey: survey.contractId } });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  await tx.reminder.create({
    data: { workspaceId: survey.workspaceId, ...seriesKey({ of: 'survey', surveyId: created.id }), contractId: survey.contractId, kind: 'survey-close', step: 'close', dueAt: close.at, channelId: close.channelId },
  });
  return created;
}

export async function findSurveyById(db: Db | Tx, workspaceId: string, id: string): Promise<Survey | null> {
  return db.survey.findFirst({ where: { id, workspaceId } });
}

/** The survey a ledger row points at (by its own id: no workspace scope needed). */
export async function surveyOfRow(db: Db | Tx, id: string): Promise<Survey | null> {
  return db.survey.findUnique({ where: { id } });
}

/** The survey the scheduled row opened, when a post of it failed and is tried again. */
export async function surveyOpenedBy(db: Db | Tx, reminderId: string): Promise<Survey | null> {
  return db.survey.findFirst({ where: { reminderId } });
}

export async function openSurveyOf(db: Db | Tx, contractId: string): Promise<Survey | null> {
  return db.survey.findUnique({ where: { openKey: contractId } });
}

/** The contract's latest survey (open or closed). */
export async function latestSurvey(db: Db | Tx, contractId: string, options: { closed?: boolean } = {}): Promise<Survey | null> {
  return db.survey.findFirst({ where: { contractId, ...(options.closed && { closedAt: { not: null } }) }, orderBy: { openedAt: 'desc' } });
}

/** Whether a survey of the contract was opened since `since`. */
export async function surveyedSince(db: Db | Tx, contractId: string, since: Date): Promise<boolean> {
  return (await db.survey.count({ where: { contractId, openedAt: { gte: since } } })) > 0;
}

/**
 * Records one person's vote, replacing an earlier one. Two clicks of one person at the same instant
 * (two processes) both insert: the second finds the first and updates it, so one vote remains.
 * Returns the rating it replaced, if any.
 */
export async function castVote(db: Db, surveyId: string, userId: string, rating: number, at: Date): Promise<number | null> {
  for (let attempt = 0; ; attempt += 1) {
    const existing = await db.surveyVote.findUnique({ where: { surveyId_userId: { surveyId, userId } } });
    if (existing) {
      await db.surveyVote.update({ where: { surveyId_userId: { surveyId, userId } }, data: { rating, at } });
      return existing.rating;
    }
    try {
      await db.surveyVote.create({ data: { surveyId, userId, rating, at } });
      return null;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt > 0) throw error;
    }
  }
}

/** One comment per person: a new one replaces theirs. */
export async function saveComment(db: Db, surveyId: string, userId: string, text: string, at: Date): Promise<void> {
  await db.surveyComment.upsert({ where: { surveyId_userId: { surveyId, userId } }, create: { surveyId, userId, text, at }, update: { text, at } }).catch(async (error: unknown) => {
    if (!isUniqueViolation(error)) throw error;
    await db.surveyComment.update({ where: { surveyId_userId: { surveyId, userId } }, data: { text, at } });
  });
}

export async function tallyOf(db: Db | Tx, surveyId: string): Promise<Tally> {
  return (await talliesOf(db, [surveyId])).get(surveyId)!;
}

/** The votes of many surveys, tallied, by survey id (one query). */
export async function talliesOf(db: Db | Tx, surveyIds: readonly string[]): Promise<Map<string, Tally>> {
  const votes = surveyIds.length === 0 ? [] : await db.surveyVote.findMany({ where: { surveyId: { in: [...surveyIds] } }, select: { surveyId: true, rating: true } });
  const ratings = new Map<string, number[]>(surveyIds.map((id) => [id, []]));
  for (const v of votes) ratings.get(v.surveyId)!.push(v.rating);
  return new Map([...ratings].map(([id, r]) => [id, tally(r)]));
}

/** Each contract's latest survey (open or closed), by contract id; one query. */
export async function latestSurveys(db: Db | Tx, contractIds: readonly string[]): Promise<Map<string, Survey>> {
  const latest = new Map<string, Survey>();
  if (contractIds.length === 0) return latest;
  for (const survey of await db.survey.findMany({ where: { contractId: { in: [...contractIds] } }, orderBy: { openedAt: 'desc' } })) {
    if (!latest.has(survey.contractId)) latest.set(survey.contractId, survey);
  }
  return latest;
}

/** The comments' texts, oldest first: who wrote them is never read. */
export async function commentsOf(db: Db | Tx, surveyId: string): Promise<{ text: string; at: Date }[]> {
  return db.surveyComment.findMany({ where: { surveyId }, select: { text: true, at: true }, orderBy: { at: 'asc' } });
}

export async function commentCount(db: Db | Tx, surveyId: string): Promise<number> {
  return db.surveyComment.count({ where: { surveyId } });
}

/** Closes an open survey once (true for the one caller that closed it). */
export async function closeSurvey(db: Db | Tx, surveyId: string, by: 'schedule' | 'decision', at: Date): Promise<boolean> {
  const { count } = await db.survey.updateMany({ where: { id: surveyId, closedAt: null }, data: { closedAt: at, closedBy: by, openKey: null } });
  return count === 1;
}

/** Where a survey opened by hand was posted. */
export async function recordSurveyMessage(db: Db | Tx, id: string, channelId: string, messageId: string | null): Promise<void> {
  await db.survey.update({ where: { id }, data: { channelId, messageId } });
}

/** Where the survey's message is: posted by a command (stored on it) or by the scheduler (its ledger row). */
export async function surveyMessageRef(db: Db | Tx, survey: Survey): Promise<{ channelId: string; messageId: string } | null> {
  if (survey.channelId && survey.messageId) return { channelId: survey.channelId, messageId: survey.messageId };
  if (!survey.reminderId) return null;
  const row = await db.reminder.findUnique({ where: { id: survey.reminderId }, select: { channelId: true, messageId: true, status: true } });
  return row?.status === 'sent' && row.channelId && row.messageId ? { channelId: row.channelId, messageId: row.messageId } : null;
}
