import { isTableKey, type TableKey } from '../catalogue/types';
import data from '../../../../data/library-system-variables.json';
import { normaliseSysvar } from './sysvarPath';

export interface LibrarySysvar {
  readonly table: TableKey;
  /** Who writes it, for people: "the SCC modeling library's monitor". */
  readonly writer: string;
}

const LIBRARY_SYSVARS: ReadonlyMap<string, LibrarySysvar> = new Map(
  data.systemVariables.flatMap((entry) => (isTableKey(entry.table) ? [[normaliseSysvar(entry.path), { table: entry.table, writer: entry.writer }]] : [])),
);

/** The system variable (normalised path, see normaliseSysvar) if a Vector library writes IDs to it. */
export function librarySysvar(key: string): LibrarySysvar | undefined {
  return LIBRARY_SYSVARS.get(key);
}
