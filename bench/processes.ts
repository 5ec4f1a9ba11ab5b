/** The bench's child processes: every one is tracked, so that run.ts kills them all on the way out. */
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}
export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
export const exited = (child: ChildProcess, ms: number) =>
  new Promise<boolean>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(true);
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
