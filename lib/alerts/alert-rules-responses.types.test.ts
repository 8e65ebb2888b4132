// Each documented alert rule response holds what its presenter or use case returns, as JSON puts
// it on the wire: a change of their types fails `npx tsc --noEmit -p .` here until
// alert-rules-responses.ts says the same. (Type-level only; the values themselves are checked by
// the e2e and integration suites through API_RESPONSE_CHECK=1, lib/http/route.ts.)
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Wire } from '@/lib/base/wire';
import type { AlertParams } from './alert-rule-params';
import type { createAlertRule, deleteAlertRule, updateAlertRule } from './alert-rules';
import type { listAlertEvents, listAlertRules } from './alert-rules.presenter';
import type {
  ALERT_RULE_FIELDS,
  alertEventListSchema,
  alertRuleCreatedSchema,
  alertRuleDeletedSchema,
  alertRuleListSchema,
  alertRuleUpdatedSchema,
} from './alert-rules-responses';

type Answer<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

describe('alert rule response schemas hold what the presenters and use cases return', () => {
  it('GET /api/v1/alert-rules: the rules of listAlertRules', () => {
    // built in the route: { rules } picked from the presenter's result (events and choices are
    // the screen's). The presenter types kind as string and params as a record: both are stored
    // as JSON text, written only as an AlertParams pair (alert-rules.ts, config-as-code), which
    // the schema describes kind by kind.
    type Row = Awaited<ReturnType<typeof listAlertRules>>['rules'][number];
    type Known = Omit<Row, 'kind' | 'params'> & AlertParams;
    expectTypeOf<Wire<{ rules: Known[] }>>().toExtend<z.input<typeof alertRuleListSchema>>();
  });

  it('POST /api/v1/alert-rules: createAlertRule', () => {
    expectTypeOf<Answer<typeof createAlertRule>>().toExtend<
      z.input<typeof alertRuleCreatedSchema>
    >();
  });

  it('PATCH /api/v1/alert-rules/{id}: updateAlertRule', () => {
    // updateAlertRule types `changed` as string[]; its values are the fields it compares
    // (alert-rules.ts), which the schema names
    type Updated = Awaited<ReturnType<typeof updateAlertRule>>;
    type Known = Omit<Updated, 'changed'> & { changed: (typeof ALERT_RULE_FIELDS)[number][] };
    expectTypeOf<Wire<Known>>().toExtend<z.input<typeof alertRuleUpdatedSchema>>();
    expectTypeOf<z.output<typeof alertRuleUpdatedSchema>>().toExtend<Wire<Updated>>();
  });

  it('DELETE /api/v1/alert-rules/{id}: deleteAlertRule', () => {
    expectTypeOf<Answer<typeof deleteAlertRule>>().toExtend<
      z.input<typeof alertRuleDeletedSchema>
    >();
  });

  // POST /api/v1/alert-rules/{id}/rotate-secret answers { id, secret, rotatedAt } built in the
  // route from rotateAlertRuleSecret's result (name left out, rotatedAt as ISO text):
  // rotatedSecretSchema is checked at run time only.

  it('GET /api/v1/alert-events: listAlertEvents', () => {
    // built in the route: { events } around the presenter's list
    type Events = { events: Awaited<ReturnType<typeof listAlertEvents>> };
    expectTypeOf<Wire<Events>>().toExtend<z.input<typeof alertEventListSchema>>();
  });
});
