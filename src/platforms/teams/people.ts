import { TeamsInfo, type TurnContext } from 'botbuilder';

/**
 * The Teams user id (`29:…`) of someone picked in a card's people picker, which answers with an
 * Entra object id: looked up among the members of this conversation, else of the team the form was
 * opened from. Null when Teams does not know them there.
 */
export async function resolvePicked(context: TurnContext, picked: string, teamId: string | null): Promise<{ id: string; name: string } | null> {
  const value = picked.replace(/^<@|>$/g, '');
  if (/^2[89]:/.test(value)) return { id: value, name: '' };
  const lookups = [() => TeamsInfo.getMember(context, value), ...(teamId ? [() => TeamsInfo.getTeamMember(context, teamId, value)] : [])];
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
