/** The bench's child processes: every one is tracked, so that run.ts kills them all on the way out. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/** Peak (VmHWM) and current (VmRSS) resident memory of a process; zero once it has exited. */
export function memoryOf(pid: number): { hwmKb: number; rssKb: number } {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { hwmKb: 0, rssKb: 0 };
  }
  // An exited process not yet reaped still has a status, without these fields.
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { hwmKb: field('VmHWM'), rssKb: field('VmRSS') };
}
