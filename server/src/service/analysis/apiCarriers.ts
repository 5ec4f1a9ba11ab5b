import { TABLE_TITLES } from '../catalogue/types';
import { Reach, type CarrierTable } from './carrierTable';
import type { FileContext } from './fileContext';
import { LATEST_CALL, lastSegment, OBJECT_MEMBERS, SCC_FUNCTIONS } from './idApis';
import { tableMask } from './summary';

/**
 * The sourced carriers of a file's API positions (rules 1 and 2): the ID argument of a
 * Distributed Object member or an SCC function, and `$Obj.Member.LatestCall.param`; one
 * carrier per position, its table from the file's context.
 */
export class ApiCarriers {
  private readonly latestCalls = new Map<string, number | null>();
  /** Object → member → the carrier of its ID argument. */
  private readonly members = new Map<string, Map<string, number>>();
  /** SCC function → argument position → its carrier, null where it carries none. */
  private readonly sccArguments = new Map<string, (number | null)[]>();

  constructor(
    private readonly carriers: CarrierTable,
    private readonly context: FileContext,
  ) {}

  /** `$Obj.Member.LatestCall.param` where param is Member's ID parameter, else undefined. */
  latestCall(signal: string): number | undefined {
    let carrier = this.latestCalls.get(signal);
    if (carrier === undefined) this.latestCalls.set(this.carriers.kept(signal), (carrier = this.readLatestCall(signal) ?? null));
    return carrier ?? undefined;
  }

  /** The ID argument of `object.member(…)` (a member of OBJECT_MEMBERS). */
  memberArgument(object: string, member: string): number {
    let byMember = this.members.get(object);
    if (!byMember) this.members.set(this.carriers.kept(object), (byMember = new Map()));
    let carrier = byMember.get(member);
    if (carrier === undefined) {
      const signature = OBJECT_MEMBERS.get(member)!;
      const binding = this.context.objectBinding(object);
      const label = `argument ${signature.idParameter + 1} of ${object}.${member}`;
      byMember.set(member, (carrier = this.sourced(`${object}.${member}`, label, tableMask(binding.tables), `${label}, the message ID (${binding.why})`)));
    }
    return carrier;
  }

  /** Argument `index` of the SCC function `name`, if it carries an ID or a state. */
  sccArgument(name: string, index: number): number | undefined {
    let byIndex = this.sccArguments.get(name);
    if (!byIndex) this.sccArguments.set(name, (byIndex = []));
    if (byIndex[index] === undefined) byIndex[index] = this.readSccArgument(name, index) ?? null;
    return byIndex[index] ?? undefined;
  }

  private readSccArgument(name: string, index: number): number | undefined {
    const role = SCC_FUNCTIONS.get(name)?.idParameters.get(index);
    if (!role) return undefined;
    const label = `argument ${index + 1} of ${name}`;
    if (role === 'states') {
      const states = this.context.stateTables();
      return this.sourced(`${name}#${index}`, label, tableMask(states.tables), `${label}, a state (${states.why})`);
    }
    return this.sourced(`${name}#${index}`, label, tableMask([role]), `${label}, a message ID (${TABLE_TITLES[role]} table)`);
  }

  private readLatestCall(signal: string): number | undefined {
    const match = LATEST_CALL.exec(signal);
    if (!match) return undefined;
    const [, objectPath, memberName, parameter] = match;
    const member = OBJECT_MEMBERS.get(memberName);
    if (!member || parameter.toLowerCase() !== member.idParameterName.toLowerCase()) return undefined;
    const object = lastSegment(objectPath);
    const binding = this.context.objectBinding(object);
    return this.sourced(signal, signal, tableMask(binding.tables), `${signal}, the message ID of ${object}.${memberName} (${binding.why})`);
  }

  private sourced(key: string, label: string, mask: number, why: string): number {
    const carrier = this.carriers.keyed(Reach.Api, key, label);
    if (!this.carriers.hasSource(carrier)) this.carriers.addSource(carrier, mask, why);
    return carrier;
  }
}
