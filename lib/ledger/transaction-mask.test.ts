import { describe, expect, it } from 'vitest';
import { MASK } from './mask';
import { NO_RULES, payloadRules } from './masking-rules';
import { collectSensitiveValues, transactionMasker, type MaskSources } from './transaction-mask';
import { extractPayloads } from './transaction-payloads';

const EMAIL = 'lars.jansen+993727@example.com';
const ENCODED = 'lars.jansen%2B993727%40example.com';

/** An order as the storefront sent it, and the CRM upsert it caused (as the ledger records it). */
function crmTransaction(): MaskSources {
  return {
    inbound: {
      order_number: 993727,
      email: EMAIL,
      customer: { first_name: 'Lars', last_name: 'Jansen', full_name: 'Lars Jansen' },
      shipping_address: { address1: 'Prinsengracht 263', zip: '1016 GV', city: 'Amsterdam' },
      gift_message: 'for my sister Eva',
    },
    facts: [
      {
        type: 'command.sent',
        data: {
          method: 'PUT',
          url: `http://127.0.0.1:4105/crm/v3/contacts/${ENCODED}`,
          attempt: 1,
          request: { email: EMAIL, givenName: 'Lars', familyName: 'Jansen' },
        },
      },
      {
        type: 'provider.failed',
        data: {
          status: 422,
          errorClass: 'validation',
          response: { error: 'invalid', contact: { id: 'ct_42', mobile: '+31 6 1234 5678' } },
        },
      },
      { type: 'human_action.note', data: { by: 'Support Sam', note: 'called them' } },
    ],
    customerEmail: EMAIL,
  };
}

describe('collectSensitiveValues', () => {
  it('collects the personal fields and emails of every payload for a personal mask', () => {
    const values = collectSensitiveValues(crmTransaction(), { personal: true, rules: NO_RULES });
    expect(values).toEqual(
      new Set([EMAIL, 'Lars', 'Jansen', 'Lars Jansen', 'Prinsengracht 263', '1016 GV']),
    );
  });

  it('collects nothing for a role that reads personal data when no rule applies', () => {
    expect(
      collectSensitiveValues(crmTransaction(), { personal: false, rules: NO_RULES }).size,
    ).toBe(0);
  });

  it("collects what each connection's rules mark, in the payload they apply to", () => {
    const values = collectSensitiveValues(crmTransaction(), {
      personal: false,
      // source (storefront) rules on the inbound event and the command, target (CRM) rules on the
      // command and the answer
      rules: payloadRules(['$.gift_message', '$..familyName'], ['$..mobile', '$.email']),
    });
    expect(values).toEqual(new Set(['for my sister Eva', 'Jansen', '+31 6 1234 5678', EMAIL]));
  });

  it('reports a rule it cannot apply and uses the others', () => {
    const problems: string[] = [];
    const values = collectSensitiveValues(crmTransaction(), {
      personal: false,
      rules: payloadRules(['$.gift_message', '$..[?(@.x)]'], []),
      onInvalidRule: (r) => problems.push(r.path),
    });
    expect(values).toEqual(new Set(['for my sister Eva']));
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('transactionMasker', () => {
  const commandOf = (data: unknown) => data as { url: string; request: Record<string, unknown> };

  it("masks the viewer's outbound URL, request, answer, summaries and headers", () => {
    const src = crmTransaction();
    const mask = transactionMasker(src, { personal: true, rules: NO_RULES });
    const command = commandOf(mask.value(src.facts[0]?.data));
    // an email is masked by its shape first (first letter and domain kept, as everywhere for the
    // viewer), in its percent-encoded form too
    expect(command.url).toBe('http://127.0.0.1:4105/crm/v3/contacts/l***%40example.com');
    expect(command.request).toEqual({ email: MASK, givenName: MASK, familyName: MASK });
    expect(mask.text(`CRM refused ${EMAIL}: Lars Jansen has no phone`)).toBe(
      'CRM refused l***@example.com: ••• has no phone',
    );
    expect(mask.text('upsert for LARS JANSEN, Prinsengracht%20263')).toBe('upsert for •••, •••');
    // an email the payloads never held is still masked by its shape
    expect(mask.text('cc ann@example.org')).toBe('cc a***@example.org');
    expect(mask.value({ 'x-customer': `Lars%20Jansen` })).toEqual({ 'x-customer': '•••' });
    // a twice-encoded email the shape pattern does not know is still found as a value
    expect(mask.text(encodeURIComponent(ENCODED))).toBe('l***%2540example.com');
  });

  it('leaves everything as recorded for a role that reads personal data and no rules (a reveal)', () => {
    const src = crmTransaction();
    const mask = transactionMasker(src, { personal: false, rules: NO_RULES });
    expect(mask.value(src.facts[0]?.data)).toBe(src.facts[0]?.data);
    expect(mask.text(`PUT /contacts/${ENCODED}`)).toBe(`PUT /contacts/${ENCODED}`);
  });

  it("masks a rule's value in the URL for every role, admins included", () => {
    const src = crmTransaction();
    const mask = transactionMasker(src, { personal: false, rules: payloadRules([], ['$.email']) });
    const command = commandOf(mask.value(src.facts[0]?.data));
    expect(command.url).toBe('http://127.0.0.1:4105/crm/v3/contacts/•••');
    // what the rule does not mark stays readable for a role that may read personal data
    expect(command.request.givenName).toBe('Lars');
  });

  it('feeds the payload views: the outbound line of the Transaction screen is masked', () => {
    const src = crmTransaction();
    const mask = transactionMasker(src, { personal: true, rules: NO_RULES });
    const timeline = src.facts.map((f, i) => ({
      id: String(i),
      kind: 'command',
      type: f.type,
      data: mask.value(f.data),
      occurredAt: new Date(0).toISOString(),
    }));
    const payloads = extractPayloads({ body: mask.value(src.inbound), headers: {} }, timeline);
    const everything = JSON.stringify(payloads);
    for (const secret of [EMAIL, ENCODED, 'Lars', 'Jansen', 'Prinsengracht', '1016 GV'])
      expect(everything).not.toContain(secret);
    expect(payloads.outbound?.url).toBe('http://127.0.0.1:4105/crm/v3/contacts/l***%40example.com');
  });
});
