// Masking rules are JSON paths into a payload ($.customer.email, $.shipping_address.*,
// $.line_items[*].name, $..phone). Only this plain subset is accepted: no filters or script
// expressions, which would run code against payloads and say nothing a path cannot.
const SEGMENT = String.raw`(?:\.\.?(?:[A-Za-z_][A-Za-z0-9_-]*|\*)|\[(?:\d+|\*|'[^'\\]+')\])`;
const PATH = new RegExp(`^\\$${SEGMENT}+$`);

// the same cap as lib/ledger/masking-rules.ts (MAX_RULES), which applies them
export const MAX_MASKING_RULES = 50;
const MAX_PATH_LENGTH = 300;

/** null when the path is acceptable, otherwise what is wrong with it in words. */
export function maskingPathProblem(path: string): string | null {
  if (path.length === 0) return 'is empty';
  if (path.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (!path.startsWith('$')) return 'must start with $ (the payload root), e.g. $.customer.email';
  if (path === '$') return 'would mask the whole payload; name a field, e.g. $.customer.email';
  if (/[?()@]/.test(path)) return 'may not use filters or expressions; use plain field names';
  if (!PATH.test(path))
    return "is not a JSON path of field names, [n], [*] or ['name'] (e.g. $.shipping_address.*)";
  return null;
}

export interface MaskingRulesCheck {
  rules: string[];
  /** line number (1-based) -> problem, for inline display */
  problems: { line: number; path: string; problem: string }[];
}

/** One path per line; blank lines are ignored, duplicates kept once, order preserved. */
export function parseMaskingRules(text: string): MaskingRulesCheck {
  const rules: string[] = [];
  const problems: MaskingRulesCheck['problems'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const path = raw.trim();
    if (!path) return;
    const problem = maskingPathProblem(path);
    if (problem) problems.push({ line: index + 1, path, problem });
    else if (!rules.includes(path)) rules.push(path);
  });
  if (rules.length > MAX_MASKING_RULES)
    problems.push({ line: 0, path: '', problem: `at most ${MAX_MASKING_RULES} rules` });
  return { rules, problems };
}
