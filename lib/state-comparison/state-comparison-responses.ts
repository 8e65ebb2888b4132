// The success body of the state comparison's /api/v1 operation as it goes over the wire, for the
// OpenAPI document and the response check of lib/http/route.ts. It mirrors presentComparison
// (present-comparison.ts), which getStateComparison answers with;
// state-comparison-responses.types.test.ts holds it to that type.
import { z } from 'zod';
import { ErrorClass, TransactionStatus } from '@/lib/db';

const instant = z.iso.datetime();
const count = z.int().nonnegative();
/** a value as people read it: a string as it is, anything else as JSON text; masked */
const shown = z.string().nullable();

const readingSchema = z
  .discriminatedUnion('state', [
    z.object({
      state: z.literal('read'),
      readAt: instant,
      ref: z.string().describe("the record's id at the system"),
      status: z.string().nullable().describe("the system's own state word; null when it has none"),
      updatedAt: z
        .string()
        .nullable()
        .describe('when the system last changed the record, as it says it; null when it does not'),
    }),
    z.object({
      state: z.literal('absent'),
      readAt: instant,
      message: z.string().describe('no such record at the system, in words'),
    }),
    z.object({
      state: z.literal('failed'),
      readAt: instant,
      errorClass: z.enum(ErrorClass),
      classLabel: z.string().describe('the error class in words'),
      message: z.string().describe('what failed, in words (credentials scrubbed)'),
    }),
    z.object({
      state: z.literal('not_read'),
      message: z
        .string()
        .describe(
          'why nothing was asked (the system cannot be read live for ' +
            'this kind, or nothing was sent yet)',
        ),
    }),
  ])
  .describe('the one live reading of this system');

const cellSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.enum(['same', 'different']),
    value: shown.describe("the system's value (masked)"),
  }),
  z.object({
    state: z
      .enum(['absent', 'not_read'])
      .describe('absent: the record has no such field; not_read: no record was read'),
    value: z.null(),
  }),
]);

export const stateComparisonSchema = z.object({
  transactionId: z.guid(),
  businessKey: z.string(),
  status: z.enum(TransactionStatus),
  flow: z.object({ name: z.string(), operation: z.string(), eventType: z.string() }),
  mappingVersion: z.int().nullable().describe("the flow's active mapping version"),
  ledger: z.object({
    hasCommand: z.boolean().describe('whether a command was sent (the ledger has values)'),
    commandSentAt: instant.nullable(),
  }),
  systems: z
    .array(
      z.object({
        role: z.enum(['source', 'target']),
        key: z.string().describe("the connection's key"),
        name: z.string(),
        reading: readingSchema,
      }),
    )
    .describe('the source, then the target: the columns of cells'),
  rows: z.array(
    z.object({
      field: z.string().describe('a dotted path into the canonical command (lines.0.sku)'),
      ledger: shown.describe(
        "the ledger's value (masked); null when the command has no such field",
      ),
      inLedger: z.boolean(),
      cells: z.array(cellSchema).describe('one per system, in the order of systems'),
      owner: z
        .object({ key: z.string(), name: z.string() })
        .nullable()
        .describe("the system owning the field by the mapping's field ownership"),
      difference: z
        .enum(['same', 'different', 'not_compared'])
        .describe(
          'different: a system disagrees with the ledger; not_compared: nothing to hold it against',
        ),
    }),
  ),
  differences: count.describe('rows that differ'),
  summary: z
    .object({
      compared: count.describe('rows held against at least one live value'),
      differences: count,
      notCompared: count,
      text: z.string().describe('the sentence above the table'),
    })
    .describe('the comparison in one sentence, from the same rows and readings'),
});
