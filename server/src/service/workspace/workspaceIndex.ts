import { analyzeFile, reanalyseProcedure } from '../analysis/analyzeFile';
import type { FileAnalysis, FileFacts } from '../analysis/types';
import { EMPTY_FACTS } from '../analysis/types';
import { mergeFacts } from '../analysis/workspaceAnalysis';
import { isGeneratedConstantsFile } from '../constantsFile';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { IncludeDirective, Outline, Span } from '../syntax/outline';
import type { CodeTokens } from '../syntax/codeTokens';
import { parseCapl, parseCaplWithCode, type ParsedCapl } from '../syntax/parse';
import { reparseBody, textChange, type TextChange } from '../syntax/reparse';
import { integerValue } from '../syntax/scanner';
import { resolveInclude, uriKey } from './uris';

interface IndexedFile {
  readonly uri: string;
  readonly text: string;
  readonly version: number | undefined;
  /** Tokens and outline of this text, kept (typed arrays, compact) so that a settings or facts change re-analyses without re-scanning. */
  parsed?: ParsedCapl;
  declarations?: ReadonlyMap<string, Declaration>;
  analysis?: FileAnalysis;
  analysisStamp?: number;
  /** The facts of the latest analysis, kept across edits until the next one. */
  facts: FileFacts;
  /** How `analysis` came from the previous version's, when an edit re-analysed one body. */
  edit?: AnalysisEdit;
}

/** An analysis made from the one before it by re-analysing the body that one text change fell in. */
export interface AnalysisEdit {
  readonly before: FileAnalysis;
  readonly after: FileAnalysis;
  readonly change: TextChange;
  /** The edit that made `before`, if it was one too (at most MAX_EDIT_CHAIN in all). */
  readonly earlier?: AnalysisEdit;
}

/** How many edits back diagnostics may start from, when they were not asked for after each one. */
const MAX_EDIT_CHAIN = 4;

export interface Declaration {
  readonly uri: string;
  readonly span: Span;
  readonly kind: 'constant' | 'variable' | 'enum-member';
  /** The value when it is written as an integer literal (`const dword X = 8;`, `A = 5`). */
  readonly value?: number;
}

export interface ResolvedInclude {
  readonly directive: IncludeDirective;
  readonly uri: string | undefined;
  readonly indexed: boolean;
}

const MAX_INCLUDE_FILES = 1000;

/**
 * The CAPL files of a workspace (open documents and files on disk, as the server hands them
 * in), their include graph, declarations and the facts they share. Pure: it never reads
 * the disk. Everything is computed lazily and cached until a file or the settings change.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private settings: Settings = DEFAULT_SETTINGS;
  /** Bumps when settings or the shared facts change: every cached analysis is then stale. */
  private stamp = 0;
  /** Per file: the facts of all the other files, merged. */
  private readonly othersFacts = new Map<string, FileFacts>();
  /** Bumps with every file added, changed or removed: include closures and the constants file are cached per generation. */
  private generation = 0;
  private readonly closures = new Map<string, { generation: number; uris: string[] }>();
  private constantsFileCache: { generation: number; uri: string | undefined } | undefined;

  constructor(private readonly onFactsChanged: () => void = () => undefined) {}

  getSettings(): Settings {
    return this.settings;
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
    this.stamp++;
  }

  /**
   * `changed`, when the caller knows it (an editor's incremental change), is where `text`
   * differs from the file's last text; without it the two texts are compared.
   */
  setFile(uri: string, text: string, version?: number, changed?: TextChange): void {
    const key = uriKey(uri);
    const previous = this.files.get(key);
    const same = previous !== undefined && previous.text === text;
    if (same && previous.version === version) return;
    // The same text again (a document closed, its file read back from disk) keeps the string the analysis points into.
    const file: IndexedFile = { uri, text: same ? previous.text : text, version, facts: previous?.facts ?? EMPTY_FACTS };
    if (previous) this.carryOver(previous, file, same ? undefined : changed && fits(changed, previous.text, text) ? changed : textChange(previous.text, text));
    this.files.set(key, file);
    this.generation++;
  }

  /**
   * After an edit inside one procedure body, only that body is parsed and analysed again
   * (see reparseBody, reanalyseProcedure); anything else is parsed and analysed on demand.
   */
  private carryOver(previous: IndexedFile, file: IndexedFile, change: TextChange | undefined): void {
    if (!previous.parsed) return;
    const upToDate = previous.analysis !== undefined && previous.analysisStamp === this.stamp;
    if (!change) {
      file.parsed = previous.parsed;
      file.declarations = previous.declarations;
      if (upToDate) {
        file.analysis = previous.analysis;
        file.analysisStamp = previous.analysisStamp;
      }
      return;
    }
    const body = reparseBody(previous.parsed, previous.text, file.text, change);
    if (!body) return;
    file.parsed = body.parsed;
    const analysis = upToDate ? reanalyseProcedure(previous.analysis!, { ...body, text: file.text }) : undefined;
    if (analysis) {
      file.analysis = analysis;
      file.analysisStamp = this.stamp;
      const earlier = previous.edit?.after === previous.analysis ? previous.edit : undefined;
      file.edit = { before: previous.analysis!, after: analysis, change, earlier: earlier && chainOf(earlier, MAX_EDIT_CHAIN - 1) };
    }
  }

  removeFile(uri: string): void {
    const file = this.files.get(uriKey(uri));
    if (!file) return;
    this.files.delete(uriKey(uri));
    this.generation++;
    if (file.facts !== EMPTY_FACTS) this.factsChanged();
  }

  has(uri: string): boolean {
    return this.files.has(uriKey(uri));
  }

  /** The URI as the index first knew it (the client's spelling). */
  uriOf(uri: string): string | undefined {
    return this.files.get(uriKey(uri))?.uri;
  }

  uris(): string[] {
    return [...this.files.values()].map((file) => file.uri);
  }

  text(uri: string): string | undefined {
    return this.files.get(uriKey(uri))?.text;
  }

  version(uri: string): number | undefined {
    return this.files.get(uriKey(uri))?.version;
  }

  /** The edit the file's current analysis was made by, if one body was re-analysed for it. */
  lastEdit(uri: string): AnalysisEdit | undefined {
    return this.files.get(uriKey(uri))?.edit;
  }

  outline(uri: string): Outline | undefined {
    return this.parsed(uri)?.outline;
  }

  /** The file's tokens and outline, parsed on first use. */
  parsed(uri: string): ParsedCapl | undefined {
    const file = this.files.get(uriKey(uri));
    if (!file) return undefined;
    file.parsed ??= parseCapl(file.text);
    return file.parsed;
  }

  /** The file's analysis with what the rest of the workspace tells it. */
  analysis(uri: string): FileAnalysis | undefined {
    const file = this.files.get(uriKey(uri));
    if (!file) return undefined;
    if (file.analysis && file.analysisStamp === this.stamp) return file.analysis;
    let code: CodeTokens | undefined;
    if (!file.parsed) ({ parsed: file.parsed, code } = parseCaplWithCode(file.text));
    file.edit = undefined;
    file.analysis = analyzeFile({ text: file.text, path: file.uri }, this.settings, this.factsOfOthers(uri), file.parsed, code);
    const changed = factsSignature(file.facts) !== factsSignature(file.analysis.facts);
    file.facts = file.analysis.facts;
    if (changed) this.factsChanged();
    file.analysisStamp = this.stamp;
    return file.analysis;
  }

  /**
   * What the other analysed files tell this one. A file's own facts are not part of it: its
   * analysis finds them itself, and those of its earlier versions must not linger in it.
   */
  factsOfOthers(uri: string): FileFacts {
    const key = uriKey(uri);
    let merged = this.othersFacts.get(key);
    if (!merged) {
      merged = mergeFacts([...this.files].filter(([other]) => other !== key).map(([, file]) => file.facts));
      this.othersFacts.set(key, merged);
    }
    return merged;
  }

  includes(uri: string): ResolvedInclude[] {
    const outline = this.outline(uri);
    const from = this.uriOf(uri) ?? uri;
    return (outline?.includes ?? []).map((directive) => {
      const target = resolveInclude(from, directive.path);
      const indexed = target !== undefined && this.has(target);
      return { directive, uri: indexed ? this.uriOf(target) : target, indexed };
    });
  }

  /** The file and every file it includes, transitively; cycles and missing files are harmless. */
  includeClosure(uri: string): string[] {
    const key = uriKey(uri);
    const cached = this.closures.get(key);
    if (cached && cached.generation === this.generation) return cached.uris;
    const uris = this.computeIncludeClosure(uri);
    this.closures.set(key, { generation: this.generation, uris });
    return uris;
  }

  private computeIncludeClosure(uri: string): string[] {
    const seen = new Set<string>([uriKey(uri)]);
    const order = [this.uriOf(uri) ?? uri];
    for (let i = 0; i < order.length && order.length < MAX_INCLUDE_FILES; i++) {
      for (const include of this.includes(order[i])) {
        if (!include.indexed || !include.uri || seen.has(uriKey(include.uri))) continue;
        seen.add(uriKey(include.uri));
        order.push(include.uri);
      }
    }
    return order;
  }

  /** Where `name` is declared as a global, constant or enum member in the file or its includes. */
  findDeclaration(uri: string, name: string): Declaration | undefined {
    return findIn(this.visibleDeclarations(uri), name);
  }

  /** The globals, constants and enum members of the file and of its includes, in include order (see findIn). */
  visibleDeclarations(uri: string): readonly ReadonlyMap<string, Declaration>[] {
    return this.includeClosure(uri).map((candidate) => this.declarations(candidate));
  }

  /** A file's globals, constants and enum members by name (the first of a name wins), built once per version. */
  private declarations(uri: string): ReadonlyMap<string, Declaration> {
    const file = this.files.get(uriKey(uri));
    if (!file) return new Map();
    if (file.declarations) return file.declarations;
    const declarations = new Map<string, Declaration>();
    const outline = this.outline(uri)!;
    for (const global of outline.globals) {
      if (declarations.has(global.name)) continue;
      const value = global.initializer ? integerValue(file.text.slice(global.initializer.start, global.initializer.end).trim()) : undefined;
      declarations.set(global.name, { uri: file.uri, span: global.nameSpan, kind: global.isConst ? 'constant' : 'variable', value });
    }
    for (const declaration of outline.enums) {
      for (const member of declaration.members) {
        if (!declarations.has(member.name)) declarations.set(member.name, { uri: file.uri, span: member.nameSpan, kind: 'enum-member', value: member.value });
      }
    }
    file.declarations = declarations;
    return declarations;
  }

  /** The generated constants include of the workspace, if there is one. */
  constantsFile(): string | undefined {
    if (this.constantsFileCache?.generation !== this.generation) {
      let found: string | undefined;
      for (const file of this.files.values()) {
        if (isGeneratedConstantsFile(file.text)) {
          found = file.uri;
          break;
        }
      }
      this.constantsFileCache = { generation: this.generation, uri: found };
    }
    return this.constantsFileCache.uri;
  }

  private factsChanged(): void {
    this.othersFacts.clear();
    this.stamp++;
    this.onFactsChanged();
  }
}

/** The first declaration of `name` in `visible` (see visibleDeclarations). */
export function findIn(visible: readonly ReadonlyMap<string, Declaration>[], name: string): Declaration | undefined {
  for (const declarations of visible) {
    const found = declarations.get(name);
    if (found) return found;
  }
  return undefined;
}

/** Whether `change` can be what turned `before` into `after` (it is trusted as to where). */
function fits(change: TextChange, before: string, after: string): boolean {
  return change.start <= change.oldEnd && change.oldEnd <= before.length && change.start <= change.newEnd
    && after.length - before.length === change.newEnd - change.oldEnd;
}

/** `edit` and the edits before it, `length` of them at most. */
function chainOf(edit: AnalysisEdit, length: number): AnalysisEdit {
  return { ...edit, earlier: edit.earlier && length > 1 ? chainOf(edit.earlier, length - 1) : undefined };
}

function factsSignature(facts: FileFacts): string {
  const parameters = [...facts.idParameters].map(([name, map]) => `${name}(${[...map.keys()].join(',')})`);
  return [...facts.idSysvars.keys(), ...parameters, ...[...facts.definedFunctions].map((name) => `${name}()`)].sort().join('|');
}
