// Starts the language server (dist/server.js, beside this file) from a V8 code cache kept in
// the directory given by `--code-cache DIR`. Compiling the bundle is a good part of every
// cold start (bench/README.md), and every editor window starts the server anew; Node 20 has
// no compile cache of its own (module.enableCompileCache came with Node 22). A server that
// found no usable cache writes one when it exits, so that it holds what the server compiled
// while it ran, not only its top level. Without the option, or when the cache cannot be read
// or written, the server starts exactly as `node dist/server.js` would.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { CODE_CACHE_OPTION } from './serverStart';

const serverJs = join(__dirname, 'server.js');
const source = readFileSync(serverJs, 'utf8');
const cacheDir = optionValue(CODE_CACHE_OPTION);
const cache = cacheDir === undefined ? undefined : { dir: cacheDir, name: cacheNameOf(source) };
const cachedData = cache && readIfPresent(join(cache.dir, cache.name));

const script = new Script(wrap(source), { filename: serverJs, cachedData });
const server = { exports: {} };
script.runInThisContext()(server.exports, createRequire(serverJs), server, serverJs, __dirname);
if (cache && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCache(cache.dir, cache.name, script));

function optionValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

/** The SHA-1 of dist/server.js, put in by the build (scripts/bundle.mjs); undefined when this file runs unbundled. */
declare const SERVER_BUNDLE_HASH: string | undefined;

/**
 * V8 checks a cache against the length of its source only: the name tells the content (the
 * hash the build made of the bundle, beside which it built this file) and the runtime.
 */
function cacheNameOf(code: string): string {
  const runtime = `${process.version} ${process.arch} ${code.length}`;
  if (typeof SERVER_BUNDLE_HASH === 'string') return `server-${SERVER_BUNDLE_HASH.slice(0, 12)}${fnv1a(runtime)}.cache`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return `server-${createHash('sha1').update(`${runtime}\n`).update(code).digest('hex').slice(0, 20)}.cache`;
}

/** 32-bit FNV-1a of a short string, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Replaces the caches of other versions; written under a temporary name first, so that a server starting meanwhile never reads half a file. */
function writeCache(dir: string, name: string, compiled: Script): void {
  const file = join(dir, name);
  const partial = `${file}.${process.pid}.partial`;
  quietly(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(partial, compiled.createCachedData());
    renameSync(partial, file);
    for (const other of readdirSync(dir)) {
      if (other !== name && /^server-[0-9a-f]+\.cache$/.test(other)) rmSync(join(dir, other), { force: true });
    }
  });
  quietly(() => rmSync(partial, { force: true }));
}

/** A code cache only saves time: when it cannot be kept, the server starts without one. */
function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // nothing to tell: the next start compiles again
  }
}
