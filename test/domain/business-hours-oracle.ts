/**
 * A slow, obviously-correct model of business hours for property tests, sharing no code with
 * src/domain: it reads the local wall clock with Intl for each 15-minute slot of UTC time.
 *
 * Every zone used in the tests has offsets (and offset changes) on whole quarter hours, so the
 * working-time boundaries (09:00, 17:00, midnight local) fall on slot boundaries and a slot is
 * either wholly working time or wholly not.
 */
const SLOT_MS = 15 * 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(ms: number, zone: string): { weekday: string; day: string; hour: number } {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return { weekday: parts.weekday!, day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

const clockCache = new Map<string, ReturnType<typeof wallClock>>();

function isWorkingSlot(slotStart: number, zone: string, holidays: ReadonlySet<string>): boolean {
  const key = `${zone} ${slotStart}`;
  const clock = clockCache.get(key) ?? wallClock(slotStart, zone);
  clockCache.set(key, clock);
  return clock.weekday !== 'Sat' && clock.weekday !== 'Sun' && !holidays.has(clock.day) && clock.hour >= 9 && clock.hour < 17;
}

/** Pieces of [from, …) cut at slot boundaries: [pieceStart, pieceEnd) and whether it is working time. */
function* pieces(from: number, zone: string, holidays: ReadonlySet<string>) {
  let pieceStart = from;
  for (;;) {
    const slotStart = Math.floor(pieceStart / SLOT_MS) * SLOT_MS;
    const pieceEnd = slotStart + SLOT_MS;
    yield { pieceStart, pieceEnd, working: isWorkingSlot(slotStart, zone, holidays) };
    pieceStart = pieceEnd;
  }
}

export function oracleCountedMs(from: number, to: number, zone: string, holidays: readonly string[]): number {
  let total = 0;
  for (const piece of pieces(from, zone, new Set(holidays))) {
    if (piece.pieceStart >= to) return total;
    if (piece.working) total += Math.min(piece.pieceEnd, to) - piece.pieceStart;
  }
  throw new Error('unreachable');
}

/** The first instant at which `target` of working time has gone by (the next working instant for 0). */
export function oracleDeadline(from: number, target: number, zone: string, holidays: readonly string[]): number {
  let remaining = target;
  for (const piece of pieces(from, zone, new Set(holidays))) {
    if (!piece.working) continue;
    const available = piece.pieceEnd - piece.pieceStart;
    if (remaining <= available) return piece.pieceStart + remaining;
    remaining -= available;
  }
  throw new Error('unreachable');
}

