// The issue list's filter, from URL search params (the console) or a query string (the API):
// state (active = open or acknowledged, the default), owner (a member's id or "none"), and
// whether snoozed issues are shown. Unknown values fall back to the default rather than fail: a
// stale bookmark still opens the list.
import { z } from 'zod';
import { ISSUE_STATES, type IssueState } from './lifecycle';

export const STATE_FILTERS = ['active', ...ISSUE_STATES, 'all'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const ISSUE_LIST_MAX = 200;

const first = (v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v);

export const issueFilterSchema = z.object({
  state: z.preprocess(first, z.enum(STATE_FILTERS).catch('active').default('active')),
  owner: z.preprocess(
    first,
    z
      .union([z.uuid(), z.literal('none')])
      .optional()
      .catch(undefined),
  ),
  snoozed: z.preprocess(first, z.enum(['hide', 'show']).catch('hide').default('hide')),
});

export type IssueFilter = z.output<typeof issueFilterSchema>;

export function statesOf(filter: StateFilter): IssueState[] {
  if (filter === 'all') return [...ISSUE_STATES];
  if (filter === 'active') return ['open', 'acknowledged'];
  return [filter];
}

/** The filter as URL pairs, defaults left out (links and the filter form). */
export function issueFilterParams(f: Partial<IssueFilter>): [string, string][] {
  const pairs: [string, string][] = [];
  if (f.state && f.state !== 'active') pairs.push(['state', f.state]);
  if (f.owner) pairs.push(['owner', f.owner]);
  if (f.snoozed === 'show') pairs.push(['snoozed', 'show']);
  return pairs;
}
