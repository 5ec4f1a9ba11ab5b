import { TABLE_TITLES } from '../catalogue/types';
import type { Outline, Procedure } from '../syntax/outline';
import { type CarrierTable, Reach } from './carrierTable';
import { librarySysvar } from './librarySysvars';
import { tableMask } from './summary';
import { normaliseSysvar } from './sysvarPath';

/** What `sysvar` answers for `@this`: no carrier of the file's, the scope's. */
export const THIS = -1;

/**
 * The carriers a file names beyond its scopes' locals (see CarrierKey): its globals and
 * enum members, enum types, system variables, and the parameters and return values of the
 * functions it defines or calls. What the file declares it exports; anything else it
 * imports, for the engine to join to the declaring file. Each name is looked up once.
 */
export class NamedCarriers {
  private readonly globals: Set<string>;
  /** The enum types the file declares. */
  private readonly enumTypes = new Set<string>();
  /** The first function of each name: its parameters and return value are exported. */
  private readonly functions = new Map<string, Procedure>();
  private readonly fileVariables = new Map<string, number>();
  private readonly sysvarReferences = new Map<string, number>();
  private readonly parameters = new Map<string, number[]>();
  private readonly returns = new Map<string, number>();

  constructor(private readonly carriers: CarrierTable, outline: Outline) {
    this.globals = new Set(outline.globals.map((global) => global.name));
    for (const procedure of outline.procedures) {
      if ((procedure.kind === 'function' || procedure.kind === 'testfunction') && !this.functions.has(procedure.name)) this.functions.set(procedure.name, procedure);
    }
    for (const declaration of outline.enums) {
      if (declaration.name) this.enumTypes.add(declaration.name);
      for (const member of declaration.members) this.globals.add(member.name);
    }
  }

  /** Whether `procedure` is the file's first function of its name: its parameters and return value are exported. */
  exports(procedure: Procedure): boolean {
    return (procedure.kind === 'function' || procedure.kind === 'testfunction') && this.functions.get(procedure.name) === procedure;
  }

  /** The global or enum member `name` of the file, else one declared elsewhere. */
  fileVariable(name: string): number {
    let carrier = this.fileVariables.get(name);
    if (carrier === undefined) this.fileVariables.set(this.carriers.kept(name), (carrier = this.carriers.keyed(this.globals.has(name) ? Reach.Exported : Reach.Imported, `g:${name}`, name)));
    return carrier;
  }

  /** A global a variables section declares; one the outline does not know (see globals) is still the file's own. */
  declaredGlobal(name: string): number {
    return this.globals.has(name) ? this.fileVariable(name) : this.carriers.keyed(Reach.Exported, `g:${name}`, name);
  }

  /** The enum type `name`: the file's own, else one declared elsewhere. */
  enumType(name: string): number {
    return this.carriers.keyed(this.enumTypes.has(name) ? Reach.Exported : Reach.Imported, `e:${name}`, `enum ${name}`);
  }

  /** The carrier of a system variable as written, THIS for `@this` (the scope's): each spelling is normalised once. */
  sysvar(reference: string): number {
    let carrier = this.sysvarReferences.get(reference);
    if (carrier === undefined) this.sysvarReferences.set(this.carriers.kept(reference), (carrier = normaliseSysvar(reference) === 'this' ? THIS : this.sysvarCarrier(reference)));
    return carrier;
  }

  sysvarCarrier(reference: string): number {
    const key = normaliseSysvar(reference);
    const carrier = this.carriers.keyed(Reach.Sysvar, key, `@sysvar::${reference.trim().replace(/^@/, '').replace(/^sysvar::/i, '')}`);
    const known = librarySysvar(key);
    if (known && !this.carriers.hasSource(carrier)) this.carriers.addSource(carrier, tableMask([known.table]), `${this.carriers.label(carrier)}, which ${known.writer} writes with ${TABLE_TITLES[known.table]} IDs`);
    return carrier;
  }

  /** Parameter `index` of the function `name` as its callers see it. */
  parameterOf(name: string, index: number, parameters = this.parametersOf(name)): number {
    return (parameters[index] ??= this.newParameter(name, index));
  }

  /** The carriers of the function's parameters made so far, by position. */
  parametersOf(name: string): number[] {
    let parameters = this.parameters.get(name);
    if (!parameters) this.parameters.set(this.carriers.kept(name), (parameters = []));
    return parameters;
  }

  returnOf(name: string): number {
    let carrier = this.returns.get(name);
    if (carrier === undefined) this.returns.set(this.carriers.kept(name), (carrier = this.carriers.keyed(this.functions.has(name) ? Reach.Exported : Reach.Imported, `r:${name}`, `${name}()`)));
    return carrier;
  }

  private newParameter(name: string, index: number): number {
    const own = this.functions.get(name);
    if (own) return this.carriers.keyed(Reach.Exported, `p:${name}#${index}`, own.parameters[index]?.name ?? `argument ${index + 1} of ${name}`);
    return this.carriers.keyed(Reach.Imported, `p:${name}#${index}`, `argument ${index + 1} of ${name}`);
  }
}
