import type { Diagnostic, Range } from 'vscode-languageserver-types';

/** A pull-diagnostics answer (LSP `DocumentDiagnosticReport`). */
export type DiagnosticReport =
  | { readonly kind: 'full'; readonly resultId: string; readonly items: Diagnostic[] }
  | { readonly kind: 'unchanged'; readonly resultId: string };

interface LastReport {
  readonly resultId: string;
  /**
   * What the diagnostics were computed from: the same inputs give the same diagnostics. Held
   * weakly: after an edit the index drops the old analysis (and the text its strings point
   * into), and the report must not keep it alive while the new one is built.
   */
  readonly inputs: readonly WeakRef<object>[];
  readonly items: Diagnostic[];
}

/**
 * The last full report per document, so that a pull whose diagnostics did not change (an
 * edit that moved nothing, or moved only text without diagnostics) is answered `unchanged`
 * instead of resending thousands of diagnostics.
 */
export class DiagnosticReports {
  private readonly last = new Map<string, LastReport>();
  private lastResultId = 0;

  /** `compute` runs only when `inputs` (compared by identity) differ from the last report's. */
  report(uri: string, previousResultId: string | undefined, inputs: readonly object[], compute: () => Diagnostic[]): DiagnosticReport {
    const last = this.last.get(uri);
    const held = last !== undefined && previousResultId === last.resultId;
    if (held && sameInputs(last.inputs, inputs)) return { kind: 'unchanged', resultId: last.resultId };
    const items = compute();
    const weakInputs = inputs.map((input) => new WeakRef(input));
    if (held && sameDiagnostics(last.items, items)) {
      // The new items, equal to the client's: the next comparison finds the same objects.
      this.last.set(uri, { resultId: last.resultId, inputs: weakInputs, items });
      return { kind: 'unchanged', resultId: last.resultId };
    }
    const resultId = String(++this.lastResultId);
    this.last.set(uri, { resultId, inputs: weakInputs, items });
    return { kind: 'full', resultId, items };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

function sameInputs(held: readonly WeakRef<object>[], inputs: readonly object[]): boolean {
  return held.length === inputs.length && held.every((input, i) => input.deref() === inputs[i]);
}

export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameDiagnostic(a[i], b[i])) return false;
  return true;
}

/** Field by field: thousands of diagnostics are compared per edit. */
function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return sameRange(a.range, b.range)
    && a.message === b.message
    && a.code === b.code
    && a.severity === b.severity
    && a.source === b.source
    && a.codeDescription?.href === b.codeDescription?.href
    && sameJson(a.data, b.data)
    && sameJson(a.tags, b.tags)
    && sameJson(a.relatedInformation, b.relatedInformation);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Deep equality of JSON values, for the fields a diagnostic rarely has. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = Object.keys(aRecord);
  if (keys.length !== Object.keys(bRecord).length) return false;
  return keys.every((key) => Object.hasOwn(bRecord, key) && sameJson(aRecord[key], bRecord[key]));
}
