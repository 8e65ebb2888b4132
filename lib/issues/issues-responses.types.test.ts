// Each documented issue response holds what its presenter or use case returns, as JSON puts it on
// the wire: a change of their types fails `npx tsc --noEmit -p .` here until issues-responses.ts
// says the same. (Type-level only; values are checked through API_RESPONSE_CHECK=1.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { changeIssueState } from './issue-changes';
import type { getIssue, listIssues } from './issues.presenter';
import type {
  issueChangedResponse,
  issueDetailResponse,
  issueListResponse,
} from './issues-responses';

type Answer<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

describe('issue response schemas hold what the presenters and use cases return', () => {
  it('GET /api/v1/issues', () => {
    expectTypeOf<Answer<typeof listIssues>>().toExtend<z.input<typeof issueListResponse>>();
  });
  it('GET /api/v1/issues/{id}', () => {
    expectTypeOf<Answer<typeof getIssue>>().toExtend<z.input<typeof issueDetailResponse>>();
  });
  it('the changes', () => {
    expectTypeOf<Answer<typeof changeIssueState>>().toExtend<
      z.input<typeof issueChangedResponse>
    >();
  });
});
