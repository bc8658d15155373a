// "Did you mean": the nearest of the names a contract could have meant, so a typo's fix names the right word.

/** Edit distance (insertions, deletions, substitutions) between two names. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `name`, when it is close enough to be a typo of it (at most a third of its letters
 * differ, at least one edit allowed); ties go to the earlier candidate. Case differences cost nothing.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance))
      best = { name: candidate, distance };
  }
  return best?.name;
}

/** `Did you mean "x"? Use one of: a, b, c.` or only the list when nothing is close. */
export function chooseFrom(name: string, candidates: readonly string[]): string {
  const near = nearestName(name, candidates);
  const list =
    candidates.length > 0 ? `Use one of: ${candidates.join(", ")}.` : "There is nothing to choose from.";
  return near === undefined ? list : `Did you mean "${near}"? ${list}`;
}
