/** How many items of a sorted list, from its start, satisfy `test` (which holds for a prefix of it): a binary search. */
export function countWhile<T>(sorted: ArrayLike<T>, test: (item: T) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (test(sorted[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}
