/**
 * V8 slices and concatenates strings without copying: a name or reason built from a file's
 * text keeps that whole text alive. What outlives the text it was read from keeps copies.
 */

/**
 * A copy of `text` that shares no memory with the string it was sliced or concatenated from.
 * A string shorter than 13 characters is always flat (V8 neither slices nor concatenates
 * below that length); a longer one is read anew by `JSON.parse`, which makes every string it
 * reads a flat one of its own (a slice of a flattened concatenation is two strings, twice the
 * memory of a name).
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** How names and reasons are kept: `detached` where what keeps them outlives the text, else as read. */
export type CopyText = (text: string) => string;
