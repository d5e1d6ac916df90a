import type { Db } from './client.js';
import { isUniqueViolation } from './unique-violation.js';


/** What the clicker is told when a click could not be recorded (and so was not acted on). */
export const CLICK_NOT_RECORDED = 'We could not record your click; nothing was changed. Please try again.';

/**
 * Records that a click (or form submission) is being handled, so that a redelivery or a double click
 * is handled once: 'repeat' when its key is already recorded. Any other database error is thrown:
 * the click was not recorded, so it must not be acted on, and the user must not be told it was done.
 */
export async function recordInteraction(db: Db, key: string, workspaceId: string): Promise<'first' | 'repeat'> {
  try {
    await db.processedInteraction.create({ data: { key, workspaceId } });
    return 'first';
  } catch (error) {
    if (isUniqueViolation(error)) return 'repeat';
    throw error;
  }
}
