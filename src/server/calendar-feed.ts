import type { RequestHandler } from 'express';
import { calendarFeedIcs } from '../messages/calendar-feed.js';
import type { Db } from '../store/client.js';
import { activeContracts } from '../store/contracts.js';
import { currentDecisions } from '../store/decisions.js';
import { displayNamesOf } from '../store/display-names.js';
import { workspaceOfCalendarToken } from '../store/calendar-tokens.js';

const FEED_FILE = /^([A-Za-z0-9_-]+)\.ics$/;

/**
 * `GET /calendar/<token>.ics`: the workspace's private feed. Anything else (malformed, unknown or
 * rotated token) gets the same bare 404, which says nothing about whether a workspace exists.
 */
export function calendarFeedRoute(deps: { db: Db; clock: () => Date; log: (line: string) => void }): RequestHandler {
  return async (req, res) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    const token = FEED_FILE.exec(String(req.params['file'] ?? ''))?.[1];
    try {
      const workspace = token ? await workspaceOfCalendarToken(deps.db, token) : null;
      if (!workspace) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      const contracts = await activeContracts(deps.db, workspace.id);
      const [decisions, names] = await Promise.all([
        currentDecisions(deps.db, contracts),
        displayNamesOf(deps.db, workspace.id, [...new Set(contracts.map((c) => c.ownerId).filter(Boolean))]),
      ]);
      res.type('text/calendar; charset=utf-8').set('Content-Disposition', 'inline; filename="renewals.ics"').send(calendarFeedIcs({ contracts, decisions, names, now: deps.clock() }));
    } catch (error) {
      deps.log(`calendar feed failed: ${(error as Error).message}`);
      res.status(503).type('text/plain').send('The calendar is unavailable; try again in a minute.');
    }
  };
}
