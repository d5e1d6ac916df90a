/**
 * What a scenario does and reads, the same on Slack and on Teams, so that each feature's scenarios
 * are written once and run against both (`describe.each(PLATFORMS)`). Both drivers (SlackDriver,
 * TeamsDriver) use the same keys: users `owner`, `alice` … and channels `renew`, `net` …; in a command
 * line `{@alice}` mentions a user and `{#net}` a channel, written the way each platform sends them.
 */
export type Platform = 'slack' | 'teams';
export const PLATFORMS: readonly Platform[] = ['slack', 'teams'];

/** A button of a message, by its action (`decide.renew`), whatever the platform calls it. */
export interface Clickable {
  action: string;
  label: string;
  /** The payload the bot gave the button (Slack: its value; Teams: `data.value`). */
  value: string | undefined;
}

/** What a reader sees of a message the bot posted or updated in a conversation. */
export interface PostView {
  /** The conversation (Slack channel id, Teams conversation id without a thread). */
  channel: string;
  /** The message's id (Slack ts, Teams activity id): a click names it, an update refers to it. */
  id: string | undefined;
  /** Everything a reader sees (the fallback and every block or card element), as JSON, for `toContain`. */
  text: string;
  /** The plain-text fallback (Slack `text`, Teams `summary`): what notifications show. */
  fallback: string;
  buttons: Clickable[];
}

/** A form the bot opened for the user (Slack: a modal; Teams: a form card sent privately). */
export interface OpenedForm {
  /** Every field's id, in order. */
  fields: string[];
  /** Everything the form shows, as JSON. */
  text: string;
}

/** The bot's private answer to a command, a click or a submitted form. */
export interface AnswerView {
  text: string;
  /** The answer's plain-text fallback, where the platform sends one (a command's answer). */
  fallback?: string;
  buttons: Clickable[];
  /** The form it opened instead of answering, if any. */
  form?: OpenedForm;
}

export interface Driver {
  readonly platform: Platform;
  /** The workspace id the bot stores for the test workspace (`slack:T1`, `teams:tenant-1`). */
  readonly workspaceId: string;
  /** A user's platform id (`UALICE`, `29:alice`). */
  userId(key: string): string;
  /** A channel's platform id (`CNET`, `19:net@thread.tacv2`). */
  channelId(key: string): string;
  /** How the bot's messages mention a user (`<@UALICE>`, `<at>Alice</at>`). */
  mention(key: string): string;
  /** How a plain-text fallback (what notifications show) names a user: a real mention on Slack, `@Name` on Teams. */
  fallbackMention(key: string): string;
  /** How the bot's messages write bold text (`*x*`, `**x**`). */
  bold(text: string): string;

  /** Sends a command line (`contract add …`, `issue log …`) as `user` in a channel and returns the private answer. */
  run(line: string, user?: string, channel?: string): Promise<AnswerView>;
  /** What the bot posted into a channel (not answers to users), oldest first. */
  posts(channel: string): PostView[];
  /** Waits until the bot has posted `count` messages into a channel. */
  waitForPosts(channel: string, count?: number): Promise<PostView[]>;
  /** Every message the bot updated in place, oldest first (`id`: the message updated). */
  updates(): PostView[];
  waitForUpdates(count?: number): Promise<PostView[]>;
  /** Clicks the button `action` (or the given button) of a posted message as `user`; returns the private answer. */
  click(user: string, post: PostView, action: string | Clickable): Promise<AnswerView>;
  /** Fills in and submits a form the bot opened; user fields take user keys. */
  submit(user: string, form: OpenedForm, values: Record<string, string>): Promise<AnswerView & { errors: Record<string, string> | null }>;
  /**
   * A form as if the bot had opened it for `user` (Slack: the modal's metadata; Teams: the card's
   * data), with whatever context the test chooses: a forged submission.
   */
  forgeForm(user: string, form: 'assign-successor', context: { contractId: string; fromUserId: string; channel: string }): OpenedForm;
  /** The next `times` posts into a channel fail with this HTTP status (and Retry-After, in seconds). */
  failPosts(channel: string, failure: { status: number; retryAfter?: number }, times?: number): void;
  /** Forgets every call the bot made so far (the doubles' records), keeping scripted state. */
  forget(): void;
}

/** The button of `action` among a message's buttons; fails, listing them, if there is none. */
export function clickable(from: { buttons: Clickable[] }, action: string | ((b: Clickable) => boolean)): Clickable {
  const found = from.buttons.find(typeof action === 'string' ? (b) => b.action === action : action);
  if (!found) throw new Error(`no button ${String(action)} among ${JSON.stringify(from.buttons.map((b) => `${b.action} ${b.label}`))}`);
  return found;
}
