import type { Day } from '../domain/days.js';
import type { Block, Message } from './model.js';

/** Set when a scheduled post goes out after its due day (SPEC §3: "marked late"). */
export type Late = { dueDay: Day } | null | undefined;

/** The context line of a late post: "late: was due 2026-12-02". */
export function lateLine(late: { dueDay: Day }): string {
  return `late: was due ${late.dueDay}`;
}

/**
 * Marks a scheduled post late, the way contract reminders are: " (late)" after its kind in the
 * plain-text fallback ("SLA breach (late): …") and a context line "late: was due <day>" after the
 * blocks. `kind` is how the fallback begins ("SLA breach", "Monthly SLA report for November 2026");
 * a fallback that does not begin with it gets "(late) " in front. Unchanged when not late.
 */
export function markLate(message: Message, kind: string, late: Late): Message {
  if (!late) return message;
  const text = message.text.startsWith(kind) ? `${kind} (late)${message.text.slice(kind.length)}` : `(late) ${message.text}`;
  const blocks: Block[] = [...message.blocks, { type: 'context', text: lateLine(late) }];
  return { text, blocks };
}
