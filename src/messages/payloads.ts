import { z } from 'zod';

/** What a decision or snooze button carries: the contract and the cycle it was posted for. */
export const cyclePayload = z.object({ c: z.string().min(1).max(64), y: z.number().int().min(1) });
export type CyclePayload = z.infer<typeof cyclePayload>;

/** What Approve / Reject carry: the pending decision. */
export const decisionPayload = z.object({ d: z.string().min(1).max(64) });

/** What the issue buttons carry. */
export const issuePayload = z.object({ i: z.string().min(1).max(64) });

/** Assign successor: the contract and the person leaving it. */
export const handoverPayload = z.object({ c: z.string().min(1).max(64), u: z.string().min(1).max(128) });

/** Confirming a leaving date in the past. */
export const leavingPayload = z.object({ u: z.string().min(1).max(128), d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/** What the service-credit buttons carry: the credit (its id, checked against the clicker's workspace). */
export const creditPayload = z.object({ k: z.string().min(1).max(64) });

/** What the survey buttons carry: the survey (its id, checked against the clicker's workspace). */
export const surveyPayload = z.object({ s: z.string().min(1).max(64) });

/** What the archive confirmation carries. */
export const contractPayload = z.object({ c: z.string().min(1).max(64) });

export function encode(payload: object): string {
  return JSON.stringify(payload);
}

/** Parses a button value; null for anything malformed (a forged or stale payload). */
export function decode<T>(schema: z.ZodType<T>, value: string | undefined): T | null {
  if (!value || value.length > 2000) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
