/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[t.length]!;
}

const relative = (a: string, b: string) => editDistance(a, b) / Math.max(a.length, b.length, 1);

/**
 * How far a typed name is from a stored one, 0 (same or contained) to 1: the whole name, or one of
 * its words or its beginning ("Globx" is close to "Globex Support"), whichever is closer.
 */
function distance(wanted: string, name: string): number {
  const lower = name.toLowerCase();
  if (lower.includes(wanted) || wanted.includes(lower)) return 0;
  const parts = [lower.slice(0, wanted.length), ...lower.split(/\s+/).filter((w) => w.length >= 3)];
  // A part match counts a little less than a whole-name match of the same quality.
  return Math.min(relative(wanted, lower), ...parts.map((part) => relative(wanted, part) + 0.05));
}

/**
 * The names nearest to what the user typed, best first; names far behind the best one are left out
 * so that one near miss is not buried among loose ones.
 */
export function closestNames(typed: string, names: readonly string[], limit = 3): string[] {
  const wanted = typed.toLowerCase().trim();
  const scored = names.map((name) => ({ name, score: distance(wanted, name) })).filter((s) => s.score <= 0.6);
  const best = Math.min(...scored.map((s) => s.score));
  return scored
    .filter((s) => s.score <= best + 0.25)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}
