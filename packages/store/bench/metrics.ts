/** The value below which `fraction` of the sorted values lie (nearest rank). */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface Quality {
  mrr: number;
  recall: number;
}

/** MRR@k and recall@k, given for each query the 1-based rank of its known item (0: not in the top k). */
export function quality(ranks: readonly number[]): Quality {
  const total = ranks.length || 1;
  return {
    mrr: ranks.reduce((sum, rank) => sum + (rank > 0 ? 1 / rank : 0), 0) / total,
    recall: ranks.filter((rank) => rank > 0).length / total,
  };
}

/**
 * The 1-based rank of the first result in `relevant` within the first `k` results, or 0. A result may
 * stand for several articles (a story's hit and its other outlets): it counts when any of them does.
 */
export function rankOf(
  results: readonly (string | readonly string[])[],
  relevant: ReadonlySet<string>,
  k = 10,
): number {
  const index = results
    .slice(0, k)
    .findIndex((result) =>
      typeof result === 'string' ? relevant.has(result) : result.some((id) => relevant.has(id)),
    );
  return index + 1;
}
