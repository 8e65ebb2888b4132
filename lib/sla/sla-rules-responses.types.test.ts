// Each documented SLA rule response holds what its presenter or use case returns, as JSON puts it
// on the wire: a change of their types fails `npx tsc --noEmit -p .` here until
// sla-rules-responses.ts says the same. (Type-level only; the values themselves are checked by
// the e2e and integration suites through API_RESPONSE_CHECK=1, lib/http/route.ts.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { createSlaRule, deleteSlaRule, updateSlaRule } from './sla-rules';
import type { listSlaRules } from './sla-rules.presenter';
import type {
  SLA_RULE_FIELDS,
  slaRuleCreatedSchema,
  slaRuleDeletedSchema,
  slaRuleListSchema,
  slaRuleUpdatedSchema,
} from './sla-rules-responses';

type Answer<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

describe('SLA rule response schemas hold what the presenter and use cases return', () => {
  it('GET /api/v1/sla-rules: the rules of listSlaRules', () => {
    // built in the route: { rules } picked from the presenter's result (its flows are the form's)
    type Rules = Pick<Awaited<ReturnType<typeof listSlaRules>>, 'rules'>;
    expectTypeOf<Wire<Rules>>().toExtend<z.input<typeof slaRuleListSchema>>();
  });

  it('POST /api/v1/sla-rules: createSlaRule', () => {
    expectTypeOf<Answer<typeof createSlaRule>>().toExtend<z.input<typeof slaRuleCreatedSchema>>();
  });

  it('PATCH /api/v1/sla-rules/{id}: updateSlaRule', () => {
    // updateSlaRule types `changed` as string[]; its values are the keys of the rule it compares
    // (sla-rules.ts), which the schema names
    type Updated = Awaited<ReturnType<typeof updateSlaRule>>;
    type Known = Omit<Updated, 'changed'> & { changed: (typeof SLA_RULE_FIELDS)[number][] };
    expectTypeOf<Wire<Known>>().toExtend<z.input<typeof slaRuleUpdatedSchema>>();
    expectTypeOf<z.output<typeof slaRuleUpdatedSchema>>().toExtend<Wire<Updated>>();
  });

  it('DELETE /api/v1/sla-rules/{id}: deleteSlaRule', () => {
    expectTypeOf<Answer<typeof deleteSlaRule>>().toExtend<z.input<typeof slaRuleDeletedSchema>>();
  });
});
