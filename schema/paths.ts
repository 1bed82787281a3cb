// Naming a field inside a body: segments joined with dots, array items as their index. Servers may spell
// the same field `corporateAddress.line1`, `requiredDocuments[0]` or `/corporateAddress/line1` (DECISIONS.md);
// the canonical spelling (dots only: `requiredDocuments.0`) is what checks compare.

/** The canonical spelling of a field given in any accepted spelling. */
export function canonicalField(field: string): string {
  const segments = field.startsWith('/')
    ? field.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : field.replace(/\[(\d+)\]/g, '.$1').split('.');
  return segments.filter((s) => s !== '').join('.');
}

/** The canonical name of the field at these segments (property names, and item indexes as numbers). */
export function fieldPath(segments: readonly (string | number)[]): string {
  return segments.map(String).join('.');
}

/** The readable spelling of the field at these segments: dots between properties, brackets for items. */
export function readablePath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`), '');
}
