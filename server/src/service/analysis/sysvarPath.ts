/** `@sysvar::Common::X`, `@Common::X`, `sysvar::Common::X`, `Common::X` → `common::x`; `@this` → `this`. */
export function normaliseSysvar(reference: string): string {
  let path = reference.trim().replace(/^@/, '');
  if (/^sysvar::/i.test(path)) path = path.slice('sysvar::'.length);
  return path.replace(/\s+/g, '').toLowerCase();
}
