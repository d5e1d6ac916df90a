import type { Delivery, DeliveryResult } from '../messages/delivery.js';
import type { Db } from '../store/client.js';
import { recordDecisionMessage } from '../store/decisions.js';
import { recordIssueMessage } from '../store/issues.js';
import { recordSurveyMessage } from '../store/surveys.js';
import type { Effect, PostEffect, PostedAs, UpdateEffect } from './effect.js';
import type { Log } from '../log.js';

export interface EffectTarget {
  db: Db;
  workspaceId: string;
  delivery: Delivery;
  log: Log;
}

export interface Applied {
  /** The channel an announcing post went to, when it went: a private copy of the answer there is not needed. */
  announcedIn: string | null;
}

/** Sends one post or update through the platform's delivery. */
export function perform(delivery: Delivery, workspaceId: string, effect: PostEffect | UpdateEffect): Promise<DeliveryResult> {
  const to = { workspaceId, channelId: effect.channelId };
  return effect.kind === 'post' ? delivery.post(to, effect.message) : delivery.update(to, effect.messageId, effect.message);
}

/**
 * Carries out a result's posts and updates in order, for every platform. A failed one is logged and
 * does not stop the others: the change itself is already stored. Forms are the platform's to open.
 */
export async function applyEffects(effects: readonly Effect[] | undefined, target: EffectTarget): Promise<Applied> {
  const applied: Applied = { announcedIn: null };
  for (const effect of effects ?? []) {
    if (effect.kind === 'open-form') continue;
    const result = await perform(target.delivery, target.workspaceId, effect);
    if (!result.ok) {
      target.log(`could not ${effect.kind} ${effect.about} in ${effect.channelId}: ${result.error}`, 'warn');
      continue;
    }
    if (effect.kind !== 'post') continue;
    if (effect.remember) await remember(target.db, effect.remember, effect.channelId, result.messageId);
    if (effect.announces) applied.announcedIn = effect.channelId;
  }
  return applied;
}

function remember(db: Db, posted: PostedAs, channelId: string, messageId: string | null): Promise<void> {
  switch (posted.as) {
    case 'issue-message':
      return recordIssueMessage(db, posted.issueId, channelId, messageId);
    case 'decision-message':
      return recordDecisionMessage(db, posted.decisionId, channelId, messageId);
    case 'survey-message':
      return recordSurveyMessage(db, posted.surveyId, channelId, messageId);
  }
}
