import { isTableKey, type TableKey } from './catalogue/types';

// The values each setting accepts; package.json's configuration offers the same (a test checks).
export const OBJECT_BINDINGS = ['ccs', 'ocpp'] as const;
export const NODE_SETTINGS = ['auto', 'vehicle', 'charge-point'] as const;
export const INLAY_HINT_MODES = ['off', 'on', 'ambiguousOnly'] as const;
export const SEVERITY_SETTINGS = ['error', 'warning', 'information', 'hint', 'off'] as const;

type ObjectBinding = (typeof OBJECT_BINDINGS)[number];
export type NodeRole = Exclude<(typeof NODE_SETTINGS)[number], 'auto'>;
export type InlayHintMode = (typeof INLAY_HINT_MODES)[number];
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

/** Settings shared by the server, the CLI (`--settings`) and the client (`capl-ids.*`). */
export interface Settings {
  /** Distributed Object name → its binding. */
  readonly objects: Readonly<Record<string, ObjectBinding>>;
  /** The table used where no rule decides; null keeps such literals ambiguous. */
  readonly defaultTable: TableKey | null;
  readonly node: NodeRole | 'auto';
  /** Extra ID-carrying variable names → their table. */
  readonly idVariables: Readonly<Record<string, TableKey>>;
  readonly inlayHints: InlayHintMode;
  readonly diagnostics: {
    /** Severity of the "magic number that has a named constant" diagnostic. */
    readonly magicNumber: SeveritySetting;
    /** Per-code overrides, e.g. `{ "unknown-id": "warning" }`. */
    readonly severity: Readonly<Record<string, SeveritySetting>>;
  };
}

export const DEFAULT_SETTINGS: Settings = {
  objects: {},
  defaultTable: null,
  node: 'auto',
  idVariables: {},
  inlayHints: 'on',
  diagnostics: { magicNumber: 'hint', severity: {} },
};

/**
 * Reads settings from untrusted JSON (a client's configuration, a CLI file). Every invalid or
 * missing field falls back to its default; each invalid one is named in `problems`.
 */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const input = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) problems.push('settings: expected an object');

  const pick = <T>(name: string, valid: (value: unknown) => value is T, fallback: T): T => {
    const value = input[name];
    if (value === undefined) return fallback;
    if (valid(value)) return value;
    problems.push(`settings.${name}: invalid value ${JSON.stringify(value)}, using the default`);
    return fallback;
  };
  const diagnostics = isRecord(input.diagnostics) ? input.diagnostics : {};
  const pickDiagnostic = <T>(name: string, valid: (value: unknown) => value is T, fallback: T): T => {
    const value = diagnostics[name];
    if (value === undefined) return fallback;
    if (valid(value)) return value;
    problems.push(`settings.diagnostics.${name}: invalid value ${JSON.stringify(value)}, using the default`);
    return fallback;
  };

  const settings: Settings = {
    objects: pick('objects', recordOf(oneOf(OBJECT_BINDINGS)), DEFAULT_SETTINGS.objects),
    defaultTable: pick('defaultTable', (v): v is TableKey | null => v === null || (typeof v === 'string' && isTableKey(v)), null),
    node: pick('node', oneOf(NODE_SETTINGS), DEFAULT_SETTINGS.node),
    idVariables: pick('idVariables', recordOf((v): v is TableKey => typeof v === 'string' && isTableKey(v)), DEFAULT_SETTINGS.idVariables),
    inlayHints: pick('inlayHints', oneOf(INLAY_HINT_MODES), DEFAULT_SETTINGS.inlayHints),
    diagnostics: {
      magicNumber: pickDiagnostic('magicNumber', oneOf(SEVERITY_SETTINGS), DEFAULT_SETTINGS.diagnostics.magicNumber),
      severity: pickDiagnostic('severity', recordOf(oneOf(SEVERITY_SETTINGS)), DEFAULT_SETTINGS.diagnostics.severity),
    },
  };
  return { settings, problems };
}

function oneOf<T extends string>(values: readonly T[]) {
  return (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordOf<T>(valid: (value: unknown) => value is T) {
  return (value: unknown): value is Record<string, T> => isRecord(value) && Object.values(value).every(valid);
}
