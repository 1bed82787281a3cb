// Following references: a local JSON pointer (`#/components/schemas/Customer`, `#/$defs/Address`) to
// the node it names, with the referring node's sibling keywords kept (they win, as in JSON Schema
// 2020-12) and the chain of references remembered, so a recursive schema is noticed, not followed forever.

type Node = Record<string, any>;

/** The node a local JSON pointer names in `document`, or undefined (a remote reference, a broken pointer). */
export function resolvePointer(document: unknown, ref: string): Node | undefined {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Node | undefined>((node, segment) => (node && typeof node === 'object' ? node[segment] : undefined), document as Node);
}

export interface Followed {
  /** The node with every reference on its way merged in (an empty schema where one could not be followed). */
  node: Node;
  /** Where the node was found: the last pointer followed, or the path it was reached by. */
  path: string;
  /** The references followed to reach it, outermost first (with those of the caller's chain). */
  seen: string[];
  /** The reference that names a node already on the chain: a recursive schema. */
  cycle?: string;
  /** The reference that names nothing in the document. */
  unresolved?: string;
}

/** Follows `$ref`s from `node` until a node without one; `seen` is the chain the caller is already inside. */
export function follow(node: Node | undefined, document: unknown, path = '#', seen: string[] = []): Followed {
  let current: Node = node ?? {};
  let at = path;
  let chain = seen;
  while (typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (chain.includes(ref)) return { node: {}, path: at, seen: chain, cycle: ref };
    const target = resolvePointer(document, ref);
    if (!target) return { node: {}, path: at, seen: chain, unresolved: ref };
    const { $ref: _ref, ...siblings } = current;
    chain = [...chain, ref];
    at = ref;
    current = { ...target, ...siblings };
  }
  return { node: current, path: at, seen: chain };
}
