// The shapes of what Slack sends to /slack/events, checked before a request reaches Bolt: each kind
// in the content type Slack uses for it, with the fields the handlers read. Anything else is refused
// (400) without touching the database or the Web API; a well-formed interaction of a kind the bot
// does not handle is answered 200 with nothing done.
import { z } from 'zod';

const id = z.string().min(1);
const withId = z.looseObject({ id });

/** A slash command: form fields (application/x-www-form-urlencoded). */
const slashCommand = z.looseObject({
  command: z.string().regex(/^\/\S+$/),
  team_id: id,
  user_id: id,
  channel_id: z.string(),
  text: z.string().optional(),
  trigger_id: z.string(),
  response_url: z.string().min(1),
});

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  team: withId,
  user: withId,
  actions: z.array(z.looseObject({ action_id: id, action_ts: id, type: z.string(), value: z.string().optional() })).min(1),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  channel: withId.nullish(),
  container: z.looseObject({ message_ts: z.string().optional(), channel_id: z.string().optional(), is_ephemeral: z.boolean().optional() }).optional(),
  message: z.looseObject({ ts: z.string() }).optional(),
});

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  team: withId,
  user: withId,
  view: z.looseObject({
    id,
    callback_id: z.string(),
    private_metadata: z.string(),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({ type: z.string() }))) }),
  }),
});

/** The interactions the bot registers handlers for (buttons, its two modals). */
const handledInteraction = z.discriminatedUnion('type', [blockActions, viewSubmission]);
const HANDLED_TYPES = new Set(['block_actions', 'view_submission']);

/** The Events API: a JSON body (the bot subscribes to no events today; Bolt acknowledges them). */
const eventEnvelope = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  z.looseObject({ type: z.literal('event_callback'), team_id: id, event: z.looseObject({ type: z.string() }) }),
  z.looseObject({ type: z.literal('app_rate_limited') }),
]);

export type Verdict = { ok: true } | { ok: false; status: 200 | 400; reason: string };

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Whether a signed request is one Slack sends: `mediaType` from its header, `form` its raw form
 * fields (null unless form-encoded), `body` what Bolt parsed (a form's `payload` field, as JSON).
 */
export function checkSlackRequest(mediaType: string, form: URLSearchParams | null, body: unknown): Verdict {
  if (mediaType === JSON_TYPE) return verdict(eventEnvelope.safeParse(body), 'an Events API body');
  if (mediaType !== FORM || !form) return { ok: false, status: 400, reason: `content type ${mediaType || 'missing'}` };
  if (form.has('payload')) {
    const type = (body as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && !HANDLED_TYPES.has(type)) {
      return { ok: false, status: 200, reason: `an interaction of type ${type.slice(0, 40)}, which the bot does not handle` };
    }
    return verdict(handledInteraction.safeParse(body), 'an interaction payload');
  }
  if (form.has('command')) return verdict(slashCommand.safeParse(body), 'a slash command');
  return { ok: false, status: 400, reason: 'a form that is neither a slash command nor an interaction' };
}

function verdict(result: { success: boolean; error?: z.ZodError }, what: string): Verdict {
  if (result.success) return { ok: true };
  const fields = [...new Set(result.error!.issues.map((i) => i.path.join('.') || '(body)'))].slice(0, 5).join(', ');
  return { ok: false, status: 400, reason: `${what} with missing or malformed fields: ${fields}` };
}
