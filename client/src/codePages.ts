// CANoe's encoding header, `/*@!Encoding:1252*/` on a file's first line, names a Windows
// code page. This maps it to the encoding names VS Code opens and saves files with
// (`TextDocument.encoding`).

/** Windows code page → VS Code encoding, for the code pages VS Code can read and write. */
const VSCODE_ENCODINGS: ReadonlyMap<number, string> = new Map([
  [437, 'cp437'], [850, 'cp850'], [852, 'cp852'], [865, 'cp865'], [866, 'cp866'], [874, 'windows874'],
  [932, 'shiftjis'], [936, 'gbk'], [949, 'euckr'], [950, 'cp950'], [1125, 'cp1125'],
  [1200, 'utf16le'], [1201, 'utf16be'],
  [1250, 'windows1250'], [1251, 'windows1251'], [1252, 'windows1252'], [1253, 'windows1253'], [1254, 'windows1254'],
  [1255, 'windows1255'], [1256, 'windows1256'], [1257, 'windows1257'], [1258, 'windows1258'],
  [10000, 'macroman'], [20866, 'koi8r'], [21866, 'koi8u'],
  [28591, 'iso88591'], [28592, 'iso88592'], [28593, 'iso88593'], [28594, 'iso88594'], [28595, 'iso88595'],
  [28596, 'iso88596'], [28597, 'iso88597'], [28598, 'iso88598'], [28599, 'iso88599'], [28603, 'iso885913'], [28605, 'iso885915'],
  [51932, 'eucjp'], [54936, 'gb18030'], [65001, 'utf8'],
]);

/** The code page the header on `firstLine` names, if there is one. */
export function codePageInHeader(firstLine: string): number | undefined {
  const header = /^\uFEFF?\s*\/\*@!Encoding:\s*(\d+)\s*\*\//i.exec(firstLine);
  return header ? Number(header[1]) : undefined;
}

/** The VS Code encoding of a Windows code page; undefined where VS Code has none. */
export function vscodeEncodingOf(codePage: number): string | undefined {
  return VSCODE_ENCODINGS.get(codePage);
}

/** Whether a document opened with `encoding` is read as `codePage` says (UTF-8 with or without a byte order mark). */
export function encodingMatches(encoding: string, codePage: number): boolean {
  const wanted = vscodeEncodingOf(codePage);
  return encoding === wanted || (wanted === 'utf8' && encoding === 'utf8bom');
}
