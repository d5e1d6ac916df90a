import { TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import { USER_ID_PATTERN } from '../../commands/values.js';
import type { Db } from '../../store/client.js';
import { adoptIdentity, markProvisional } from '../../store/people.js';

export interface PickedPerson {
  id: string;
  name: string;
}

/**
 * The Teams user id (`29:…`) of someone picked in a card's people picker, which answers with an
 * Entra object id: looked up among the members of this conversation, else of the conversation the
 * form was opened from (a group chat or channel: its form is filled in the personal chat, whose
 * only member is the user), else of the team it was opened from. Null when Teams does not know them
 * in any of these.
 */
export async function resolvePicked(context: TurnContext, picked: string, teamId: string | null, openedIn: string | null = null): Promise<PickedPerson | null> {
  const value = picked.replace(/^<@|>$/g, '');
  if (/^2[89]:/.test(value)) return { id: value, name: '' };
  const here = (context.activity.conversation?.id ?? '').split(';')[0];
  const lookups = [
    () => TeamsInfo.getMember(context, value),
    // getTeamMember asks the connector for a member of the conversation it is given (a team's id is
    // its General channel's conversation id): the same call serves a group chat or channel.
    ...(openedIn && openedIn !== here ? [() => TeamsInfo.getTeamMember(context, openedIn, value)] : []),
    ...(teamId ? [() => TeamsInfo.getTeamMember(context, teamId, value)] : []),
  ];
  for (const lookup of lookups) {
    try {
      const member = await lookup();
      if (member?.id) return { id: member.id, name: member.name ?? '' };
    } catch {
      // not a member there; try the next place
    }
  }
  return null;
}

const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The person picked, as the picker named them when Teams cannot look them up here (in a personal chat
 * the only member is the user): the picker searched the organisation's directory, so its id is a
 * person of this tenant. An Entra object id is kept until that person first writes to the bot
 * (`adoptPickedIdentity`). Null only for a value that is no user id at all (a forged submit).
 */
export async function pickedPerson(context: TurnContext, db: Db, workspaceId: string, picked: string, teamId: string | null, openedIn: string | null = null): Promise<PickedPerson | null> {
  const resolved = await resolvePicked(context, picked, teamId, openedIn);
  if (resolved) return resolved;
  const value = picked.replace(/^<@|>$/g, '');
  if (!USER_ID_PATTERN.test(value) || value.startsWith('28:')) return null;
  if (ENTRA_OBJECT_ID.test(value)) {
    // A marker row: the first activity from this person moves what was given to the object id onto their Teams id.
    await markProvisional(db, workspaceId, value);
  }
  return { id: value, name: '' };
}

/**
 * Teams identifies a sender by their Teams id (`29:…`) and also says their Entra object id. When a
 * picker stored someone by that object id, their ownerships and contact roles move to the Teams id,
 * so the owner rule, mentions and names work as for anyone else. One key lookup per activity.
 */
export async function adoptPickedIdentity(db: Db, workspaceId: string, activity: Partial<Activity>): Promise<void> {
  const objectId = activity.from?.aadObjectId;
  const teamsId = activity.from?.id;
  if (!objectId || !teamsId || objectId === teamsId || !/^29:/.test(teamsId)) return;
  await adoptIdentity(db, workspaceId, objectId, teamsId);
}
