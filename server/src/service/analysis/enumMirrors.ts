import { catalogue } from '../catalogue/catalogue';
import { TABLES, type TableKey } from '../catalogue/types';
import type { EnumDeclaration } from '../syntax/outline';
import type { EnumMirror } from './types';

/**
 * Finds the enums that copy a table (rule 8): at least two members, at least half of them,
 * are named like entries of one table, and at least half of those agree on the value.
 * The table with the most agreeing members wins; a tie is no mirror (never a guess).
 */
export function findEnumMirrors(enums: readonly EnumDeclaration[]): EnumMirror[] {
  const mirrors: EnumMirror[] = [];
  for (const declaration of enums) {
    const mirror = mirrorOf(declaration);
    if (mirror) mirrors.push(mirror);
  }
  return mirrors;
}

function mirrorOf(declaration: EnumDeclaration): EnumMirror | undefined {
  let best: { table: TableKey; agree: number; matched: number } | undefined;
  let tie = false;
  for (const table of TABLES) {
    let matched = 0;
    let agree = 0;
    for (const member of declaration.members) {
      const expected = catalogue.byName(member.name, table);
      if (expected.length === 0) continue;
      matched++;
      if (expected.some((entry) => entry.id === member.value)) agree++;
    }
    if (matched < 2 || matched * 2 < declaration.members.length || agree * 2 < matched) continue;
    if (!best || agree > best.agree || (agree === best.agree && matched > best.matched)) {
      best = { table, agree, matched };
      tie = false;
    } else if (agree === best.agree && matched === best.matched) {
      tie = true;
    }
  }
  if (!best || tie) return undefined;
  const table = best.table;
  return {
    name: declaration.name,
    nameSpan: declaration.nameSpan,
    table,
    members: declaration.members.map((member) => ({
      name: member.name,
      nameSpan: member.nameSpan,
      value: member.value,
      valueSpan: member.valueSpan,
      expected: catalogue.byName(member.name, table),
    })),
  };
}
