import type { RequestHandler } from 'express';

/** POST /api/messages while Teams is off: 401, saying what to set. Loads nothing of botbuilder or teams-ai. */
export const teamsNotConfigured: RequestHandler = (_req, res) => {
  res.status(401).json({ error: 'Teams is not configured on this Renewal Desk: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (or TEAMS_UNAUTHENTICATED=1 for local testing only).' });
};
