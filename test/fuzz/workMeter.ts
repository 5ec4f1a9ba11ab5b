/**
 * Counts the work the language service does on an input, in a child process: V8's precise
 * block coverage (started before any service module is loaded) counts every function call
 * and every executed block of server/src and of the text-document library. Unlike time, the
 * count is deterministic, so comparing n with 4n detects super-linear growth without flakes.
 *
 *   node --import tsx test/fuzz/workMeter.ts '{"names": [...], "n": 4, "request": "all"}'
 *
 * prints one JSON object: name → { small, large, ratio, chars }.
 * Requests: "all" (decoding, analysis, diagnostics, hover, completion, inlay hints, symbols,
 * a few code actions, fix-all, definition), "symbols", "codeActions" (for every diagnostic).
 */
import { Session } from 'node:inspector';

interface Job {
  readonly names: readonly string[];
  readonly n: number;
  readonly request: 'all' | 'symbols' | 'codeActions';
}

interface Coverage {
  readonly result: readonly { readonly url: string; readonly functions: readonly { readonly ranges: readonly { readonly count: number }[] }[] }[];
}

const session = new Session();
session.connect();

/** The in-process inspector answers synchronously. */
function post(method: string, params?: object): unknown {
  let result: unknown;
  let failure: Error | null = null;
  session.post(method, params ?? {}, (error, answer) => {
    failure = error;
    result = answer;
  });
  if (failure) throw failure;
  return result;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as Job;
  post('Profiler.enable');
  post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });

  // Loaded only now, so that every function is compiled with block counters.
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const { CaplLanguageService } = await import('../../server/src/service/languageService.js');
  const { WorkspaceIndex } = await import('../../server/src/service/workspace/workspaceIndex.js');
  const { decodeCapl } = await import('../../server/src/files/caplEncoding.js');
  const inputs = await import('./inputs.js');
  const generators: Record<string, (n: number) => string> = { ...inputs.GROWING, ...inputs.SUPERLINEAR, ...inputs.SUPERLINEAR_REQUESTS };

  const run = (text: string): void => {
    decodeCapl(Buffer.from(text, 'utf8'));
    const service = new CaplLanguageService(new WorkspaceIndex());
    const document = TextDocument.create('file:///c%3A/proj/EVSE/Node.can', 'capl', 1, text);
    service.updateDocument(document);
    const diagnostics = service.doValidation(document);
    if (job.request === 'symbols') {
      service.findDocumentSymbols(document);
      return;
    }
    if (job.request === 'codeActions') {
      service.getCodeActions(document, { diagnostics });
      return;
    }
    const positions = [0, text.length >> 1, Math.max(0, text.length - 5), text.length].map((offset) => document.positionAt(offset));
    for (const position of positions) service.doHover(document, position);
    service.doComplete(document, positions[1]);
    service.findDefinition(document, positions[2]);
    service.getInlayHints(document, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } });
    service.findDocumentSymbols(document);
    service.getCodeActions(document, { diagnostics: diagnostics.slice(0, 3) });
    service.fixAllEdits(document);
  };

  const count = (text: string): number => {
    post('Profiler.takePreciseCoverage'); // resets the counters
    run(text);
    const coverage = post('Profiler.takePreciseCoverage') as Coverage;
    let total = 0;
    for (const script of coverage.result) {
      if (!script.url.includes('/server/src/') && !script.url.includes('vscode-languageserver-textdocument')) continue;
      for (const fn of script.functions) for (const range of fn.ranges) total += range.count;
    }
    return total;
  };

  const results: Record<string, { small: number; large: number; ratio: number; chars: number }> = {};
  for (const name of job.names) {
    const generate = generators[name];
    if (!generate) throw new Error(`no input named "${name}"`);
    count(generate(Math.max(1, job.n >> 2))); // warm-up: compile everything once
    const small = count(generate(job.n));
    const large = generate(4 * job.n);
    const largeCount = count(large);
    results[name] = { small, large: largeCount, ratio: largeCount / small, chars: large.length };
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
