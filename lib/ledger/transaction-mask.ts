// The masker of what a person reads about transactions: the sensitive values of each transaction,
// collected from its own payloads (the inbound event, every command sent, every provider answer),
// then masked wherever they occur (lib/ledger/mask.ts). Which values are sensitive:
// - for every role, the values at the connections' masking-rule paths (source rules in the inbound
//   event, source and target rules in the command, target rules in the answer: ADR 0009), unless an
//   audited reveal asked for this one view;
// - for roles without personal_data.read, the built-in personal fields, every email in any payload
//   and the transaction's customer email.
import type { TenantDb } from '@/lib/db';
import { collectPersonalValues, createMasker, NO_MASK, type Masker } from './mask';
import {
  ANSWER_PAYLOADS,
  COMMAND_PAYLOADS,
  collectRuleValues,
  compileMaskingRules,
  NO_RULES,
  payloadRules,
  type InvalidRule,
  type PayloadRules,
} from './masking-rules';
import { field, isCommand, isProviderAnswer } from './timeline-facts';

export interface MaskSources {
  /** the inbound event's body, parsed when it is JSON */
  inbound: unknown;
  /** timeline facts as stored (unmasked); only commands and provider answers carry payloads */
  facts: readonly { type: string; data: unknown }[];
  customerEmail: string | null;
}

export interface MaskOptions {
  /** the role may not read personal data (no personal_data.read) */
  personal: boolean;
  rules: PayloadRules;
  onInvalidRule?: (rule: InvalidRule) => void;
}

/** The sensitive values of one transaction (see the top of this file), added to `into`. */
export function collectSensitiveValues(
  src: MaskSources,
  options: MaskOptions,
  into: Set<string> = new Set(),
): Set<string> {
  const { rules, personal, onInvalidRule: warn } = options;
  collectRuleValues(src.inbound, rules.inbound, into, warn);
  for (const fact of src.facts) {
    if (isCommand(fact))
      for (const key of COMMAND_PAYLOADS)
        collectRuleValues(field(fact.data, key), rules.command, into, warn);
    else if (isProviderAnswer(fact))
      for (const key of ANSWER_PAYLOADS)
        collectRuleValues(field(fact.data, key), rules.response, into, warn);
  }
  if (personal) {
    collectPersonalValues(src.inbound, into);
    for (const fact of src.facts)
      if (isCommand(fact) || isProviderAnswer(fact)) collectPersonalValues(fact.data, into);
    if (src.customerEmail) into.add(src.customerEmail);
  }
  return into;
}

export function transactionMasker(src: MaskSources, options: MaskOptions): Masker {
  return createMasker({
    personal: options.personal,
    values: collectSensitiveValues(src, options),
  });
}

/** Payload facts read per transaction: the latest ones, enough for every retry of a round. */
const FACTS_PER_TRANSACTION = 100;

/**
 * The sensitive values of several transactions, read from the ledger (for screens that show texts
 * of transactions without their payloads: timeline pages, the order journey, error samples).
 * Nothing is read when the role may read personal data and no connection of theirs has rules.
 */
export async function loadSensitiveValues(
  db: TenantDb,
  transactionIds: readonly string[],
  options: { personal: boolean; onInvalidRule?: (rule: InvalidRule) => void },
): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  if (transactionIds.length === 0) return result;
  const ids = [...new Set(transactionIds)];
  const flows = await db.transaction.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      flow: {
        select: {
          sourceConnection: { select: { maskingRules: true } },
          targetConnection: { select: { maskingRules: true } },
        },
      },
    },
  });
  const rulesOf = new Map<string, PayloadRules>();
  for (const t of flows) {
    const rules = payloadRules(
      compileMaskingRules(t.flow.sourceConnection.maskingRules, options.onInvalidRule),
      compileMaskingRules(t.flow.targetConnection.maskingRules, options.onInvalidRule),
    );
    if (options.personal || rules.command.length > 0) rulesOf.set(t.id, rules);
  }
  if (rulesOf.size === 0) return result;
  const rows = await db.transaction.findMany({
    where: { id: { in: [...rulesOf.keys()] } },
    select: {
      id: true,
      customerEmail: true,
      inboundEvent: { select: { body: true } },
      timeline: {
        where: { OR: [{ type: 'command.sent' }, { type: { startsWith: 'provider.' } }] },
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        take: FACTS_PER_TRANSACTION,
        select: { type: true, data: true },
      },
    },
  });
  for (const t of rows) {
    const src = {
      inbound: parseBody(t.inboundEvent.body),
      facts: t.timeline,
      customerEmail: t.customerEmail,
    };
    const rules = rulesOf.get(t.id) ?? NO_RULES;
    result.set(t.id, collectSensitiveValues(src, { ...options, rules }));
  }
  return result;
}

/** One masker over the values of several transactions (an order's journey, a page of samples). */
export function maskerOf(values: Iterable<Set<string>>, personal: boolean): Masker {
  const all = new Set<string>();
  for (const set of values) for (const v of set) all.add(v);
  return all.size === 0 && !personal ? NO_MASK : createMasker({ personal, values: all });
}

export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
