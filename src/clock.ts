import { parseInstant } from './domain/instants.js';

/** Where "now" comes from. Handlers and the domain never read the system clock; they are handed one. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * A clock that reads `start` at once and runs on at the real pace: the whole process moved in time
 * (tests, demos, `--now`), with leases, backoff and timestamps still advancing as they would.
 */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return () => new Date(realNow() + offset);
}

export const TEST_CLOCK_EXAMPLE = '2026-11-23T10:00:00Z';

/** `RENEWAL_DESK_NOW` / `--now`: an instant (ISO 8601, in `zone` when it has no offset), or null when it is not one. */
export function clockFromSetting(setting: string, zone: string): Clock | null {
  const start = parseInstant(setting, zone);
  return start ? clockStartingAt(start) : null;
}
