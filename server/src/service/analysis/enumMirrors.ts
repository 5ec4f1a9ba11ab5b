import { catalogue, looseName } from '../catalogue/catalogue';
import { TABLES, type CatalogueEntry, type TableKey } from '../catalogue/types';
import type { EnumDeclaration } from '../syntax/outline';
import type { EnumMirror } from './types';

/**
 * Finds the enums that copy a table (rule 8): at least two members, more than half of them,
 * name entries of one table precisely (see namedEntries), and at least half of those agree
 * on the value. The table with the most agreeing members wins; a tie is no mirror (never a
 * guess). A member that names no entry of the mirrored table has no expected entries: it
 * is part of the enum, not an ID.
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
  // Each member's entries, looked up once for all tables.
  const named = declaration.members.map((member) => namedEntries(member.name));
  let best: { table: TableKey; agree: number; matched: number } | undefined;
  let tie = false;
  for (const table of TABLES) {
    let matched = 0;
    let agree = 0;
    declaration.members.forEach((member, index) => {
      const inTable = named[index].filter((entry) => entry.table === table);
      if (inTable.length === 0) return;
      matched++;
      if (inTable.some((entry) => entry.id === member.value)) agree++;
    });
    if (matched < 2 || matched * 2 <= declaration.members.length || agree * 2 < matched) continue;
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
      expected: named[index].filter((entry) => entry.table === table),
    })),
  };
}

/**
 * The entries a member name names precisely: with its kind where the entry has one
 * (`PowerDeliveryReq`, not `PowerDelivery`, which a menu page or a progress step is called
 * as well). Case and punctuation are ignored, as in lookups.
 */
function namedEntries(memberName: string): readonly CatalogueEntry[] {
  const written = looseName(memberName);
  return catalogue
    .byName(memberName)
    .filter((entry) => entry.kind === null || [entry.name, ...entry.aliases].some((name) => looseName(name + entry.kind) === written));
}
