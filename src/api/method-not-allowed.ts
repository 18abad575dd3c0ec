/**
 * Tells a wrong method (405, with `Allow`) from an unknown path (404): Hono answers both with
 * its not-found handler, so the registered routes are matched here by path alone.
 */
export function createAllowedMethods(routes: () => ReadonlyArray<{ method: string; path: string }>) {
  let table: Array<{ pattern: RegExp; methods: Set<string> }> | undefined
  const build = () => {
    const byPath = new Map<string, Set<string>>()
    for (const route of routes()) {
      if (route.method === 'ALL') continue
      const methods = byPath.get(route.path) ?? new Set<string>()
      methods.add(route.method)
      if (route.method === 'GET') methods.add('HEAD')
      byPath.set(route.path, methods)
    }
    return [...byPath].map(([path, methods]) => ({
      pattern: new RegExp(`^${path.replace(/\/$/, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+')}/?$`),
      methods,
    }))
  }
  /** The methods this path supports; empty when the path is unknown. */
  return (path: string): string[] => {
    table ??= build()
    const allowed = new Set<string>()
    for (const entry of table) if (entry.pattern.test(path)) for (const method of entry.methods) allowed.add(method)
    return [...allowed].sort()
  }
}
