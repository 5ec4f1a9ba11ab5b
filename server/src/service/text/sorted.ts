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

/** Inserts `value` into the ascending `list`, after any equal ones. */
export function insertSorted(list: number[], value: number): void {
  let at = list.length;
  while (at > 0 && list[at - 1] > value) at--;
  list.splice(at, 0, value);
}

/** Removes the first `value` from `list`, if it is there. */
export function removeFrom(list: number[] | undefined, value: number): void {
  const at = list?.indexOf(value) ?? -1;
  if (at >= 0) list!.splice(at, 1);
}
