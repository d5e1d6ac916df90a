import { getWorkspace, allWorkspaces, type Workspace } from '../../store/workspaces.js';
import { knownPeople } from '../../store/display-names.js';
import type { ConsoleDeps } from './context.js';
import { DEMO_CHANNEL, DEMO_CHANNELS, DEMO_USER } from './demo.js';
import { CONSOLE_PLATFORM } from './delivery.js';
import { ensureDemoWorkspace } from './seed.js';
import type { Session } from './session.js';
import type { ConsoleUser } from './panel.js';

export interface ScopeOptions {
  mode: 'sandbox' | 'token';
  /** CONSOLE_WORKSPACE */
  workspace?: string;
  /** CONSOLE_USER */
  user?: string;
  defaultTimezone: string;
}

export type Scope =
  | { ok: true; workspace: Workspace; people: { id: string; name: string }[]; user: { id: string; name: string } | null; channels: ReadonlyMap<string, string>; consoleUser: ConsoleUser | null }
  | { ok: false; problem: string };

/** A scope the console can show. */
export type ShownScope = Extract<Scope, { ok: true }>;

/** Whether the console's own people may be switched between (a console workspace: the sandbox's demo). */
export function isConsoleWorkspace(workspace: Workspace): boolean {
  return workspace.platform === CONSOLE_PLATFORM;
}

async function pickWorkspace(deps: ConsoleDeps, options: ScopeOptions): Promise<Workspace | string> {
  if (options.workspace) {
    const named = await getWorkspace(deps.db, options.workspace);
    if (named) return named;
    const ids = (await allWorkspaces(deps.db)).map((w) => w.id);
    return `CONSOLE_WORKSPACE=${options.workspace} names no workspace in this database.${ids.length > 0 ? ` Workspaces: ${ids.join(', ')}.` : ''}`;
  }
  if (options.mode === 'sandbox') return ensureDemoWorkspace(deps, options.defaultTimezone);
  const chat = (await allWorkspaces(deps.db)).filter((w) => !w.id.startsWith(`${CONSOLE_PLATFORM}:`));
  if (chat.length === 1) return (await getWorkspace(deps.db, chat[0]!.id))!;
  if (chat.length === 0) return 'No Slack or Teams workspace has used Renewal Desk yet: the console shows one after its first command.';
  return `Several workspaces use this Renewal Desk: set CONSOLE_WORKSPACE to one of ${chat.map((w) => w.id).join(', ')}.`;
}

/**
 * What the console shows and as whom: in a console workspace (the demo) the person picked in the
 * session (default Dana, who owns the demo contracts); in a Slack or Teams workspace CONSOLE_USER, or
 * nobody (read-only).
 */
export async function resolveScope(deps: ConsoleDeps, options: ScopeOptions, session: Session): Promise<Scope> {
  const workspace = await pickWorkspace(deps, options);
  if (typeof workspace === 'string') return { ok: false, problem: workspace };
  const people = await knownPeople(deps.db, workspace.id);
  const own = isConsoleWorkspace(workspace);
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  const userId = own ? (people.some((p) => p.id === session.as) ? session.as! : DEMO_USER) : options.user;
  const user = userId ? { id: userId, name: name(userId) } : null;
  const channels = own ? DEMO_CHANNELS : new Map<string, string>();
  const consoleUser = user ? { workspace, userId: user.id, channelId: own ? DEMO_CHANNEL : workspace.defaultChannel, known: { people, channels } } : null;
  return { ok: true, workspace, people, user, channels, consoleUser };
}
