/**
 * How a list of alternatives is tried: `random`, in a fresh uniformly random order on each request;
 * `ordered`, as listed. A provider's `mirrorOrder` (default `random`) and `createFallback`'s `order`
 * (default `ordered`) take it.
 */
export type AttemptOrder = 'random' | 'ordered';

/** Every {@link AttemptOrder}, for the option checks. */
export const ATTEMPT_ORDERS: readonly AttemptOrder[] = ['random', 'ordered'];

/**
 * The items in the order to try them: as listed for `ordered`; for `random`, a uniformly random
 * permutation (Fisher–Yates), every order equally likely. `random` returns a number in [0, 1), as
 * `Math.random` does; tests pass their own.
 */
export function inAttemptOrder<T>(
  items: readonly T[],
  order: AttemptOrder,
  random: () => number = Math.random,
): readonly T[] {
  if (order === 'ordered') return items;
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
