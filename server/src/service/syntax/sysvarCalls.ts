import { NameSet } from '../text/nameSet';

/**
 * CAPL's functions that write or read an integer system variable, named either way:
 * `sysSetVariableInt(sysvar::A::B, value)` or `sysSetVariableInt("A", "B", value)`, and
 * `sysGetVariableInt(sysvar::A::B)` or `sysGetVariableInt("A", "B")`. Both spellings of
 * each name are in use.
 */
export const SYSVAR_FUNCTIONS: ReadonlyMap<string, 'write' | 'read'> = new Map(
  ([
    'sysSetVariableInt', 'sysSetVariableDWord', 'sysSetVariableLongLong', 'sysSetVariableAsync',
    'sysGetVariableInt', 'sysGetVariableDWord', 'sysGetVariableLongLong',
  ] as const).flatMap((name) => {
    const access = name.startsWith('sysSet') ? 'write' : 'read';
    return [[name, access], [`S${name.slice(1)}`, access]] as const;
  }),
);

export const SYSVAR_FUNCTION_NAMES = new NameSet(SYSVAR_FUNCTIONS.keys());

/** The system variable a call's first arguments name (see CodeCursor.sysvarNamed). */
export interface NamedSysvar {
  /** Its tokens: `sysvar::A::B`, or the strings `"A", "B"`. */
  readonly first: number;
  readonly last: number;
  /** `sysvar::A::B` or `A::B` (see normaliseSysvar). */
  readonly path: string;
  /** Where the argument after the name starts. */
  readonly next: number;
}
