/**
 * File URIs as CAPL projects need them: `#include` paths relative to the including file with
 * either slash style, and a comparison key that ignores case and encoding differences
 * (`file:///c%3A/Proj/A.can` and `file:///C:/proj/a.can` are one file on Windows).
 */
export function uriKey(uri: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    decoded = uri;
  }
  return decoded.replace(/\\/g, '/').toLowerCase();
}

/** Longer than any real path (Windows allows 32 767): not worth resolving. */
const MAX_PATH_LENGTH = 32768;

/** The URI an `#include "path"` in `fromUri` refers to (backslashes allowed), or undefined. */
export function resolveInclude(fromUri: string, includePath: string): string | undefined {
  if (includePath.length > MAX_PATH_LENGTH) return undefined;
  const path = includePath.trim().replace(/\\/g, '/');
  if (path.length === 0) return undefined;
  try {
    if (/^[A-Za-z]:\//.test(path)) return new URL(`file:///${path}`).href;
    return new URL(encodeURI(path).replace(/#/g, '%23').replace(/\?/g, '%3F'), fromUri).href;
  } catch {
    return undefined;
  }
}

/** The path of `targetUri` relative to the folder of `fromUri`, with the given separator. */
export function relativeIncludePath(fromUri: string, targetUri: string, separator: '\\' | '/'): string {
  const from = pathSegments(fromUri).slice(0, -1);
  const to = pathSegments(targetUri);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common].toLowerCase() === to[common].toLowerCase()) common++;
  const up = from.slice(common).map(() => '..');
  return [...up, ...to.slice(common)].join(separator);
}

function pathSegments(uri: string): string[] {
  let path: string;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    path = uri;
  }
  return path.split('/').filter((segment) => segment.length > 0);
}

/** The last path segment of a URI or path, decoded. */
export function baseName(uri: string): string {
  const segments = pathSegments(uri);
  return segments[segments.length - 1] ?? uri;
}
