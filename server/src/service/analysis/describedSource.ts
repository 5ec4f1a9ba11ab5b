import type { TableKey } from '../catalogue/types';
import type { IdSource } from './types';

/** What a `why` is made of besides its words: a name, a number, or a decision that has a `why` of its own. */
export type WhyPart = string | number | { readonly why: string };

/**
 * An IdSource whose `why` is written out when read. Only hover, diagnostics and the CLI read
 * it, for a few sources, while a template string is a chain of small strings, one per part,
 * that would live as long as the analysis: this keeps the template's parts instead, and a
 * decision it quotes as that decision (its `why` is read when this one is).
 */
class DescribedSource implements IdSource {
  constructor(
    readonly tables: readonly TableKey[],
    private readonly words: TemplateStringsArray,
    private readonly parts: readonly WhyPart[],
  ) {}

  get why(): string {
    let why = this.words[0];
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i];
      why += (typeof part === 'object' ? part.why : part) + this.words[i + 1];
    }
    return why;
  }
}

/** ``carrying(tables)`${name}, called with ${source}` ``: a source of these tables, why as the template says. */
export function carrying(tables: readonly TableKey[]): (words: TemplateStringsArray, ...parts: WhyPart[]) => IdSource {
  return (words, ...parts) => new DescribedSource(tables, words, parts);
}
