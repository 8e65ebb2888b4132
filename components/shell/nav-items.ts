// The console's navigation as data: the layout decides which items a role sees, the sidebar,
// the mobile menu and the Cmd-K palette all draw from the same list.
export const NAV_GROUPS = ['Operate', 'Finance', 'Configure', 'Admin'] as const;
export type NavGroupName = (typeof NAV_GROUPS)[number];

export interface NavItem {
  href: string;
  label: string;
  group: NavGroupName;
}

export interface NavGroup {
  name: NavGroupName;
  items: NavItem[];
}

/** Items grouped by job, in the fixed group order; empty groups are left out. */
export function groupNav(items: readonly NavItem[]): NavGroup[] {
  return NAV_GROUPS.map((name) => ({ name, items: items.filter((i) => i.group === name) })).filter(
    (g) => g.items.length > 0,
  );
}

const within = (pathname: string, href: string) =>
  href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);

/**
 * The item the page belongs to (its own page or one below it, /transactions/123 under
 * Transactions); the longest match wins, so a nested item beats its parent.
 */
export function currentHref(pathname: string, items: readonly NavItem[]): string | null {
  let best: string | null = null;
  for (const { href } of items)
    if (within(pathname, href) && (best === null || href.length > best.length)) best = href;
  return best;
}

/**
 * Pages the palette offers for a query: every word of it must occur in the page's name or its
 * group ("rec" → Reconciliation, "config flows" → Flows & mappings). Nothing for an empty query.
 */
export function matchPages(query: string, items: readonly NavItem[]): NavItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return items.filter((i) => {
    const text = `${i.label} ${i.group}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
