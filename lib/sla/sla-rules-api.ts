// SLA rules' /api/v1 operations as route specs, merged into lib/http/api-catalog.ts.
import { z } from 'zod';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { createSlaRuleSchema, updateSlaRuleSchema } from './sla-rule-input';
import {
  slaRuleCreatedSchema,
  slaRuleDeletedSchema,
  slaRuleListSchema,
  slaRuleUpdatedSchema,
} from './sla-rules-responses';

const TAG = 'Alerts and SLAs';
type Spec = RouteSpec & { operation: ApiOperation };
const ruleId = z.object({ id: z.uuid('unknown SLA rule') });

export const SLA_RULES_API = {
  'GET /api/v1/sla-rules': {
    permission: 'settings.manage',
    response: slaRuleListSchema,
    operation: {
      id: 'listSlaRules',
      tag: TAG,
      summary: 'SLA rules with their flows and the number of open breaches',
    },
  },
  'POST /api/v1/sla-rules': {
    permission: 'settings.manage',
    body: createSlaRuleSchema,
    response: slaRuleCreatedSchema,
    operation: {
      id: 'createSlaRule',
      tag: TAG,
      status: 201,
      summary: 'Expect a step of a flow within N minutes (1 to 10080) of another step',
      description:
        'Without startFlowId the clock starts when the expected flow receives the business object. ' +
        'Answers { id, name }; the change is written to the audit log.',
    },
  },
  'PATCH /api/v1/sla-rules/{id}': {
    permission: 'settings.manage',
    params: ruleId,
    body: updateSlaRuleSchema,
    response: slaRuleUpdatedSchema,
    operation: {
      id: 'updateSlaRule',
      tag: TAG,
      summary: 'Change an SLA rule (fields left out stay as they are)',
      description: 'Answers { id, name, changed }; a change is written to the audit log.',
    },
  },
  'DELETE /api/v1/sla-rules/{id}': {
    permission: 'settings.manage',
    params: ruleId,
    response: slaRuleDeletedSchema,
    operation: {
      id: 'deleteSlaRule',
      tag: TAG,
      summary: 'Delete an SLA rule and its breaches',
      description: '409, naming them, while alert rules watch it: delete or change those first.',
    },
  },
} satisfies Record<string, Spec>;
