/**
 * The per-point arrays a k-means start works in: k-means++ seeding's distances and running sums,
 * then Lloyd's bounds, which Hartigan's refinement reuses once Lloyd is done. `fitKMeans` makes
 * one per fit and every restart reuses it, instead of eight new arrays per start.
 *
 * Why: a k sweep makes 90 starts. In Chromium's trace of the app's sweep, V8's background sweeping
 * of dead young ArrayBuffers took 0.25 s of the renderer's thread pool in 1.1 s, beside the two
 * workers on a 2-core machine; every new array is also memory the allocator hands out zeroed.
 * Every array is written in full before it is read, so results do not change.
 */
export class KMeansScratch {
  /** Seeding: each point's squared distance to its nearest centre so far. */
  readonly closest: Float64Array;
  /** Seeding: the same if the candidate centre were added. */
  readonly candidateDist: Float64Array;
  /** Seeding: `candidateDist` of the best candidate so far. */
  readonly bestDist: Float64Array;
  /** Seeding: running sums of `closest`, to draw the next centre. */
  readonly cumulative: Float64Array;
  /** Lloyd's, then Hartigan's, bound on each point's distance to its own centre. */
  readonly upper: Float64Array;
  /** Lloyd's, then Hartigan's, bound on each point's distance to any other centre. */
  readonly lower: Float64Array;

  constructor(readonly count: number) {
    this.closest = new Float64Array(count);
    this.candidateDist = new Float64Array(count);
    this.bestDist = new Float64Array(count);
    this.cumulative = new Float64Array(count);
    this.upper = new Float64Array(count);
    this.lower = new Float64Array(count);
  }
}
