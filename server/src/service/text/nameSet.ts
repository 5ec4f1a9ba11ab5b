/**
 * A set of names that tells whether a stretch of a text is one of them without slicing it,
 * and answers with its own string. Most identifiers a walk asks about are none of the names
 * (a call of a built-in, not of a user function), and slicing each of them, in every walk,
 * was most of what the walks allocated.
 */
export class NameSet {
  /** Names by hash: one name, or the few that share a hash. */
  private readonly byHash = new Map<number, string | string[]>();

  constructor(names: Iterable<string>) {
    for (const name of names) this.add(name);
  }

  /** The name written in `text` from `start` to `end`, if it is one of the set. */
  find(text: string, start: number, end: number): string | undefined {
    const known = this.byHash.get(hashOf(text, start, end));
    if (known === undefined) return undefined;
    if (typeof known === 'string') return isWrittenAt(known, text, start, end) ? known : undefined;
    for (const name of known) if (isWrittenAt(name, text, start, end)) return name;
    return undefined;
  }

  private add(name: string): void {
    const hash = hashOf(name, 0, name.length);
    const known = this.byHash.get(hash);
    if (known === undefined) this.byHash.set(hash, name);
    else if (typeof known === 'string') {
      if (known !== name) this.byHash.set(hash, [known, name]);
    } else if (!known.includes(name)) known.push(name);
  }
}

function hashOf(text: string, start: number, end: number): number {
  let hash = end - start;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

function isWrittenAt(name: string, text: string, start: number, end: number): boolean {
  return end - start === name.length && text.startsWith(name, start);
}
