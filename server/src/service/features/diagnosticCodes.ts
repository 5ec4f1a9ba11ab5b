/** Stable diagnostic codes; each has a README section of the same name. */
export const DIAGNOSTIC_CODES = ['unknown-id', 'wrong-table', 'magic-number', 'ambiguous-id', 'enum-mismatch', 'duplicate-constant', 'invalid-annotation'] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];
