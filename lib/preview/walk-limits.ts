/** How deep templates may call each other in a preview (recursion stops there, as a failed node). */
export const MAX_DEPTH = 30;
/**
 * The nodes a preview walks at most: templates that call themselves twice over (`main` running `a` and `b`, each
 * `main` again) double at every level, so depth alone would leave 2^30 of them, and a `withSequence` may count to
 * a billion. A run past this is no preview a reviewer reads.
 */
export const MAX_NODES = 10_000;
