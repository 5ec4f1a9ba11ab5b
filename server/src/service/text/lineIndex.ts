import type { Position } from 'vscode-languageserver-types';

/** Offsets ↔ 0-based lines and UTF-16 columns of a text, for any of LF, CRLF or CR line ends. */
export class LineIndex {
  private readonly starts: Int32Array;

  constructor(text: string) {
    const starts = [0];
    // Line feeds and carriage returns in one ordered walk, each found by indexOf (far faster than a look at every character).
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr < 0 || (lf >= 0 && lf < cr)) {
        starts.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      } else {
        if (cr + 1 !== lf) starts.push(cr + 1);
        cr = text.indexOf('\r', cr + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  positionAt(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: offset - this.starts[line] };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}
