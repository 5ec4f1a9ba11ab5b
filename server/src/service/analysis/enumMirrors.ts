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
  // Each member's candidate entries, looked up once for all tables.
  const candidates = declaration.members.map((member) => catalogue.byName(member.name));
  let best: { table: TableKey; agree: number; matched: number } | undefined;
  let tie = false;
  for (const table of TABLES) {
    let matched = 0;
    let agree = 0;
    declaration.members.forEach((member, index) => {
      let named = false;
      let agrees = false;
      for (const entry of candidates[index]) {
        if (entry.table !== table) continue;
        named = true;
        if (entry.id === member.value) agrees = true;
      }
      if (named) matched++;
      if (agrees) agree++;
    });
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
    members: declaration.members.map((member, index) => ({
      name: member.name,
      nameSpan: member.nameSpan,
      value: member.value,
      valueSpan: member.valueSpan,
      expected: candidates[index].filter((entry) => entry.table === table),
    })),
  };
}
