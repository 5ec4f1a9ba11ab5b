import type { Position } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../server/src/service';

/** The bench's server-side hover and completion requests (see answerTimesApart in run.ts). */
export interface ServerSideRequests {
  readonly files: readonly { readonly uri: string; readonly text: string }[];
  /** The file the requests ask about. */
  readonly uri: string;
  readonly hoverAt: readonly Position[];
  readonly completeAt: readonly Position[];
}

/**
 * Hover and completion answered by the language service with the files open and analysed,
 * as the server holds them: per request, the time from reading it to having the answer.
 */
export function answerTimes(requests: ServerSideRequests): { hover: number[]; completion: number[] } {
  const service = createLanguageService();
  const documents = requests.files.map((file) => TextDocument.create(file.uri, 'capl', 1, file.text));
  for (const document of documents) {
    service.updateDocument(document);
    service.analyze(document);
  }
  const document = documents.find((candidate) => candidate.uri === requests.uri)!;
  const timed = (answer: (position: Position) => unknown, at: readonly Position[]) => {
    for (let i = 0; i < 50; i++) answer(at[i % at.length]);
    return at.map((position) => {
      const t = performance.now();
      answer(position);
      return performance.now() - t;
    });
  };
  return {
    hover: timed((position) => service.doHover(document, position), requests.hoverAt),
    completion: timed((position) => service.doComplete(document, position), requests.completeAt),
  };
}
