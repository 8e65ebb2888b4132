// Which values of a connection's inbound payloads payload search finds: JSON paths such as
// $.line_items[*].sku or $.data.fulfilment.tracking_number (docs/adr/0027-payload-search.md).
// Pure and dependency-free, so the console's editor checks paths as the admin types with the same
// rules ingest applies. Only plain paths (field names, [n], [*], ['name'], ..): no filters or
// scripts, which would run an admin's text against every delivery on the ingest hot path.
const SEGMENT = String.raw`(?:\.\.?(?:[A-Za-z_][A-Za-z0-9_-]*|\*)|\[(?:\d+|\*|'[^'\\]+')\])`;
const PATH = new RegExp(`^\\$${SEGMENT}+$`);

/** paths per connection: each one is evaluated for every accepted delivery */
export const MAX_SEARCH_PATHS = 10;
const MAX_PATH_LENGTH = 200;

/** Why a path cannot be a search path, in words an admin reads; null when it can. */
export function checkSearchPath(path: string): string | null {
  if (path.length === 0) return 'is empty';
  if (path.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (!path.startsWith('$')) return 'must start with $ (the payload), e.g. $.line_items[*].sku';
  if (path === '$') return 'names the whole payload; name a field, e.g. $.line_items[*].sku';
  if (/[?()@]/.test(path)) return 'may not use filters or expressions; use plain field names';
  if (!PATH.test(path)) return "is not a JSON path of field names, [n], [*] or ['name']";
  return null;
}

/**
 * The paths a connection searches: its own list when it has one (an empty list searches
 * nothing), else its adapter's defaults. Stored values that are not usable paths are dropped.
 */
export function effectiveSearchPaths(stored: unknown, defaults: readonly string[]): string[] {
  const raw: unknown[] = Array.isArray(stored) ? stored : [...defaults];
  const paths = raw.filter((p): p is string => typeof p === 'string' && !checkSearchPath(p));
  return [...new Set(paths)].slice(0, MAX_SEARCH_PATHS);
}

export interface SearchPathsCheck {
  paths: string[];
  /** line (1-based; 0 = the whole list) -> problem */
  problems: { line: number; path: string; problem: string }[];
}

/** One path per line, as the console's editor sends them; blank lines ignored, duplicates once. */
export function parseSearchPaths(text: string): SearchPathsCheck {
  const paths: string[] = [];
  const problems: SearchPathsCheck['problems'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const path = raw.trim();
    if (!path) return;
    const problem = checkSearchPath(path);
    if (problem) problems.push({ line: index + 1, path, problem });
    else if (!paths.includes(path)) paths.push(path);
  });
  if (paths.length > MAX_SEARCH_PATHS)
    problems.push({ line: 0, path: '', problem: `at most ${MAX_SEARCH_PATHS} paths` });
  return { paths, problems };
}
