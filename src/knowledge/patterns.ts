/**
 * Library knowledge names functions by origin pattern, `module#path` (see
 * `matchesPattern` in src/analysis/modules.ts). A rule's cheap file gate is the set of
 * modules its knowledge names, derived here so that no rule keeps a list of its own.
 */

/** The module part of each pattern (`openid-client#**.Client.().callback` → `openid-client`), and plain module names, once each. */
export function modulesOfPatterns(...groups: Iterable<string>[]): readonly string[] {
  const modules = new Set<string>();
  for (const group of groups) {
    for (const pattern of group) {
      const hash = pattern.indexOf('#');
      const module = hash === -1 ? pattern : pattern.slice(0, hash);
      // `<global>` patterns name no module to import.
      if (module && !module.startsWith('<')) modules.add(module);
    }
  }
  return [...modules];
}
