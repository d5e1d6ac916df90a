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

/** The names nearest to what the user typed: substring matches first, then by edit distance. */
export function closestNames(typed: string, names: readonly string[], limit = 3): string[] {
  const wanted = typed.toLowerCase();
  const scored = names.map((name) => {
    const lower = name.toLowerCase();
    const contains = lower.includes(wanted) || wanted.includes(lower);
    return { name, score: contains ? 0 : editDistance(wanted, lower) / Math.max(wanted.length, lower.length, 1) };
  });
  return scored
    .filter((s) => s.score <= 0.6)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}
