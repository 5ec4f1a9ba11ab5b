import { Inference } from '../analysis/inference';
import { judgeEdited, judgeFile, type AnalysisEdit } from '../analysis/judge';
import { resummarizeBody, summarizeFile } from '../analysis/summarize';
import { detached, type CopyText } from '../analysis/detached';
import { sameGraph, type FileSummary } from '../analysis/summary';
import type { FileAnalysis } from '../analysis/types';
import { isGeneratedConstantsFile } from '../constantsFile';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { outlineWithCopies, type IncludeDirective, type Outline, type Procedure, type Span } from '../syntax/outline';
import type { CodeTokens } from '../syntax/codeTokens';
import { parseCapl, parseCaplWithCode, type ParsedCapl } from '../syntax/parse';
import { composeChanges, reparseBody, textChange, type BodyReparse, type TextChange } from '../syntax/reparse';
import { LineIndex } from '../text/lineIndex';
import { resolveInclude, uriKey } from '../text/uris';

interface IndexedFile {
  readonly uri: string;
  /** Undefined once summarised, for a file read from disk by an index that keeps no such texts (see `lines`). */
  text: string | undefined;
  /** Where the lines of a file whose text is not kept start. */
  lines?: LineIndex;
  readonly version: number | undefined;
  /**
   * Tokens and outline of this text. A document (a file with a version, open in an editor)
   * keeps them, so that an edit inside one body re-parses that body alone; a file read from
   * disk keeps only its outline, without procedures, once summarised.
   */
  parsed?: ParsedCapl;
  outline?: Outline;
  declarations?: ReadonlyMap<string, Declaration>;
  /** Its includes, resolved under the index's generation (which files are indexed decides them). */
  includes?: { readonly generation: number; readonly resolved: ResolvedInclude[] };
  /** What the file tells the inference, under the current settings. */
  summary?: FileSummary;
  /** Its analysis, made under the inference's stamp `analysisOf` for the file (see Inference.stampOf). */
  analysis?: FileAnalysis;
  analysisOf?: number;
  /** Its last analysis and where the edits since fell, while they left the tables of its carriers as they were (see judgeEdited). */
  edited?: AnalysisEdit & { readonly stamp: number };
}

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

/** A file's summary and the tables mask of each of its carriers under the current inference. */
export interface CarrierSummary {
  readonly uri: string;
  readonly summary: FileSummary;
  readonly masks: Uint8Array;
}

const CARRIER_SUMMARIES = Symbol('carrier summaries');

/**
 * What an index keeps of the files read from disk (no version) besides their summaries: an
 * editor's workspace keeps everything for the next request (a document's text and analysis
 * are always kept); a run that asks once per file (the CLI) need not.
 */
export interface IndexOptions {
  /** Whether a file's analysis is kept for the next request. Default true. */
  readonly keepsFileAnalyses?: boolean;
  /**
   * Whether its text is kept once it is summarised. Default true. Without it the file answers
   * what its summary, outline and line starts tell (see fileDiagnostics), not what needs the
   * text again (a parse, references, fixes).
   */
  readonly keepsFileTexts?: boolean;
}

/**
 * The CAPL files of a workspace (open documents and files on disk, as the server hands them
 * in), their include graph, declarations and the facts they share. Pure: it never reads
 * the disk. Everything is computed lazily and cached until a file or the settings change.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private settings: Settings = DEFAULT_SETTINGS;
  /** The inference over every file's summary; undefined after any summary changed. */
  private inference: Inference | undefined;
  /** The tables of every carrier other files can see, under the last inference: when they change, other files' analyses may have. */
  private sharedSignature = '';
  /** Bumps with every file added, changed or removed: include closures and the constants file are cached per generation. */
  private generation = 0;
  private readonly closures = new Map<string, { generation: number; uris: string[] }>();
  private constantsFileCache: { generation: number; uri: string | undefined } | undefined;
  /** Values built from every file's analysis (see derived), for the inference they were built under. */
  private derivedValues = new Map<unknown, unknown>();
  private derivedOf = -1;
  /** Bumps whenever the inference is made or updated: what is derived from every file's analysis is built again. */
  private inferenceVersion = 0;

  private readonly keepsFileAnalyses: boolean;
  /** How the summaries of files whose text is not kept keep names (see detached). */
  private readonly copies: CopyText | undefined;

  constructor(private readonly onFactsChanged: () => void = () => undefined, options: IndexOptions = {}) {
    this.keepsFileAnalyses = options.keepsFileAnalyses ?? true;
    this.copies = options.keepsFileTexts === false ? detached : undefined;
  }

  getSettings(): Settings {
    return this.settings;
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
    for (const file of this.files.values()) file.summary = undefined;
    this.inference = undefined;
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
    const file: IndexedFile = { uri, text: same ? previous.text : text, version };
    const before = previous?.text;
    const body = previous && before !== undefined ? this.carryOver(previous, file, same ? undefined : changed && fits(changed, before, text) ? changed : textChange(before, text)) : undefined;
    this.files.set(key, file);
    this.generation++;
    if (file.summary && file.summary === previous?.summary) return;
    if (!previous?.summary || !this.reuseInference(key, previous, file, body)) this.inference = undefined;
  }

  /**
   * A file that changed updates the inference, which is not made anew: an edit that changed
   * no carrier, link or source (see sameGraph) keeps every carrier's tables; any other change
   * solves again only what the changed links reach (see Inference.update), so the file is
   * summarised now. Where the file's carriers kept their tables after an edit inside bodies,
   * its analysis is judged again only where the edit fell (see judgeEdited).
   */
  private reuseInference(key: string, previous: IndexedFile, file: IndexedFile, body: BodyReparse | undefined): boolean {
    const inference = this.inference;
    const index = inference?.fileIndex(key) ?? -1;
    if (!inference || index < 0) return false;
    const stamp = inference.stampOf(index);
    const summary = this.summaryOf(file);
    if (body && sameGraph(previous.summary!, summary)) {
      inference.replaceSummary(index, summary);
    } else {
      const updated = inference.update(index, summary);
      if (!updated) return false;
      if (updated.othersChanged) {
        // The next full inference compares its signature with none: the facts it knew are not those shared now.
        this.sharedSignature = STALE_SIGNATURE;
        this.onFactsChanged();
      }
    }
    if (body) file.edited = editSince(previous, body, stamp);
    this.inferenceVersion++;
    return true;
  }

  /**
   * The same text keeps its parse and summary; an edit inside one procedure body re-parses and
   * re-walks that body alone (see reparseBody, resummarizeBody): the re-parse is returned.
   */
  private carryOver(previous: IndexedFile, file: IndexedFile, change: TextChange | undefined): BodyReparse | undefined {
    if (!change) {
      file.parsed = previous.parsed;
      file.outline = previous.outline;
      file.declarations = previous.declarations;
      file.summary = previous.summary;
      file.analysis = previous.analysis;
      file.analysisOf = previous.analysisOf;
      file.edited = previous.edited;
      return undefined;
    }
    if (!previous.parsed) return undefined;
    const body = reparseBody(previous.parsed, textOf(previous), textOf(file), change);
    if (!body) return undefined;
    file.parsed = body.parsed;
    file.outline = body.parsed.outline;
    // A body declares no global, constant or enum: the declarations stay, their spans moved with the outline's.
    file.declarations = previous.declarations;
    if (previous.summary) file.summary = resummarizeBody(previous.summary, textOf(file), body);
    return body;
  }

  removeFile(uri: string): void {
    const file = this.files.get(uriKey(uri));
    if (!file) return;
    this.files.delete(uriKey(uri));
    this.generation++;
    this.inference = undefined;
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

  /** Where the file's lines start: kept for a file whose text is not, else read from its text. */
  lineIndex(uri: string): LineIndex | undefined {
    const file = this.files.get(uriKey(uri));
    if (!file) return undefined;
    return file.lines ?? new LineIndex(textOf(file));
  }

  version(uri: string): number | undefined {
    return this.files.get(uriKey(uri))?.version;
  }

  /** The file's includes, sections, globals and enums; procedures only where fullOutline has them. */
  outline(uri: string): Outline | undefined {
    const file = this.files.get(uriKey(uri));
    if (!file) return undefined;
    return file.outline ?? this.parsed(uri)!.outline;
  }

  /** The whole outline, procedures included (a file read from disk keeps none: it is parsed again). */
  fullOutline(uri: string): Outline | undefined {
    const file = this.files.get(uriKey(uri));
    if (!file) return undefined;
    return file.parsed?.outline ?? (file.outline && !isWithoutProcedures(file.outline) ? file.outline : this.parsed(uri)!.outline);
  }

  /** The file's tokens and outline, parsed on first use. */
  parsed(uri: string): ParsedCapl | undefined {
    const file = this.files.get(uriKey(uri));
    if (!file) return undefined;
    if (!file.parsed) {
      file.parsed = parseCapl(textOf(file));
      // Outline and declarations of one parse: an edit moves the spans of the parse it edits (see reparseBody).
      if (file.outline) [file.outline, file.declarations] = [file.parsed.outline, undefined];
    }
    return file.parsed;
  }

  /**
   * Summarises the file, if it is not yet (the workspace's files are summarised as they are
   * read, so that the first request after indexing waits for none of them).
   */
  summarize(uri: string): void {
    const file = this.files.get(uriKey(uri));
    if (file) this.summaryOf(file);
  }

  private summaryOf(file: IndexedFile): FileSummary {
    if (file.summary) return file.summary;
    const text = textOf(file);
    let code: CodeTokens | undefined;
    if (!file.parsed) ({ parsed: file.parsed, code } = parseCaplWithCode(text));
    const copy = file.version === undefined ? this.copies : undefined;
    // A file whose text is not kept keeps copies of its outline's names, in its summary too.
    if (copy) file.parsed = { ...file.parsed, outline: outlineWithCopies(file.parsed.outline, copy) };
    // A document is summarised so that an edit of one body walks that body alone (see resummarizeBody).
    file.summary = summarizeFile({ text, path: file.uri }, this.settings, file.parsed, code, { resumable: file.version !== undefined, copy, places: copy === undefined });
    if (file.version === undefined) {
      // What the other files and the workspace features read of it: its includes and declarations.
      file.outline = { ...file.parsed.outline, procedures: WITHOUT_PROCEDURES };
      file.parsed = undefined;
      if (copy) [file.lines, file.text] = [new LineIndex(text), undefined];
    } else {
      file.outline = file.parsed.outline;
    }
    return file.summary;
  }

  /** The file's analysis under the inference over the whole workspace. */
  analysis(uri: string): FileAnalysis | undefined {
    const key = uriKey(uri);
    const file = this.files.get(key);
    if (!file) return undefined;
    const inference = this.currentInference();
    const index = inference.fileIndex(key);
    const stamp = inference.stampOf(index);
    if (file.analysis && file.analysisOf === stamp) return file.analysis;
    if (file.version === undefined && !this.keepsFileAnalyses) return judgeFile(file.summary!, inference, index);
    file.analysis = file.edited?.stamp === stamp ? judgeEdited(file.edited, file.summary!, inference, index) : judgeFile(file.summary!, inference, index);
    file.analysisOf = stamp;
    file.edited = undefined;
    return file.analysis;
  }

  private currentInference(): Inference {
    if (this.inference) return this.inference;
    const summaries = new Map<string, { uri: string; summary: FileSummary; editable: boolean }>();
    for (const [key, file] of this.files) summaries.set(key, { uri: file.uri, summary: this.summaryOf(file), editable: file.version !== undefined });
    this.inference = new Inference(summaries);
    this.inferenceVersion++;
    const signature = this.inference.sharedSignature();
    if (signature !== this.sharedSignature) {
      const first = this.sharedSignature === '';
      this.sharedSignature = signature;
      if (!first) this.onFactsChanged();
    }
    return this.inference;
  }

  /** A value built from the whole workspace's analyses, once per version of the inference: `build` runs again after any file or setting changed. */
  derived<T>(key: unknown, build: () => T): T {
    this.currentInference();
    if (this.derivedOf !== this.inferenceVersion) {
      this.derivedValues = new Map();
      this.derivedOf = this.inferenceVersion;
    }
    if (!this.derivedValues.has(key)) this.derivedValues.set(key, build());
    return this.derivedValues.get(key) as T;
  }

  /**
   * Every file's summary with the tables mask (see tableMask) the current inference gives
   * each of its carriers, built once per inference: a feature looks a shared carrier up by
   * key (`g:name`, `sv:path`, see CarrierKey) in them without parsing any file.
   */
  carrierSummaries(): readonly CarrierSummary[] {
    return this.derived(CARRIER_SUMMARIES, () => {
      const inference = this.currentInference();
      return [...this.files].map(([key, file]) => {
        const offset = inference.offset(inference.fileIndex(key));
        return { uri: file.uri, summary: file.summary!, masks: inference.masks.subarray(offset, offset + file.summary!.carriers.count) };
      });
    });
  }

  includes(uri: string): readonly ResolvedInclude[] {
    const file = this.files.get(uriKey(uri));
    if (file?.includes?.generation === this.generation) return file.includes.resolved;
    const from = file?.uri ?? uri;
    const resolved = (file ? this.outline(uri)!.includes : []).map((directive) => {
      const target = resolveInclude(from, directive.path);
      const indexed = target !== undefined && this.has(target);
      return { directive, uri: indexed ? this.uriOf(target) : target, indexed };
    });
    if (file) file.includes = { generation: this.generation, resolved };
    return resolved;
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
      declarations.set(global.name, { uri: file.uri, span: global.nameSpan, kind: global.isConst ? 'constant' : 'variable', value: global.value });
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
        if (file.text !== undefined && isGeneratedConstantsFile(file.text)) {
          found = file.uri;
          break;
        }
      }
      this.constantsFileCache = { generation: this.generation, uri: found };
    }
    return this.constantsFileCache.uri;
  }

}

/** The first declaration of `name` in `visible` (see visibleDeclarations). */
export function findIn(visible: readonly ReadonlyMap<string, Declaration>[], name: string): Declaration | undefined {
  // Indexed: a completion asks for each of its ~500 items, and for...of made an iterator each time.
  for (let i = 0; i < visible.length; i++) {
    const found = visible[i].get(name);
    if (found) return found;
  }
  return undefined;
}

/** The procedures of an outline kept without them (see summaryOf). */
const WITHOUT_PROCEDURES: readonly Procedure[] = Object.freeze([]);

function isWithoutProcedures(outline: Outline): boolean {
  return outline.procedures === WITHOUT_PROCEDURES;
}

/** Where the edits since the file's last analysis fell, with `body` the last of them, when that analysis was made under `stamp`. */
function editSince(previous: IndexedFile, body: BodyReparse, stamp: number): IndexedFile['edited'] {
  const change = { start: body.start, oldEnd: body.oldEnd, newEnd: body.oldEnd + body.delta };
  if (previous.edited?.stamp === stamp) {
    return { base: previous.edited.base, change: composeChanges(previous.edited.change, change), lineDelta: previous.edited.lineDelta + body.lineDelta, stamp };
  }
  if (previous.analysis && previous.analysisOf === stamp) return { base: previous.analysis, change, lineDelta: body.lineDelta, stamp };
  return undefined;
}

const STALE_SIGNATURE = 'stale';

/** The file's text; one whose text was not kept (see IndexOptions.keepsFileTexts) can answer nothing that needs it. */
function textOf(file: IndexedFile): string {
  if (file.text === undefined) throw new Error(`${file.uri}: its text was not kept (the index keeps the summaries of files read from disk)`);
  return file.text;
}

/** Whether `change` can be what turned `before` into `after` (it is trusted as to where). */
function fits(change: TextChange, before: string, after: string): boolean {
  return change.start <= change.oldEnd && change.oldEnd <= before.length && change.start <= change.newEnd
    && after.length - before.length === change.newEnd - change.oldEnd;
}


