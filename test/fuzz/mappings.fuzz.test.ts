// Mapping expressions are typed by admins and run inside the shared worker: whatever the text,
// checking it never throws, and evaluating it — runaway regular expressions, deep recursion and
// huge inputs included — ends with a result or a readable failure within the mapping time limit,
// leaving the process responsive for the next evaluation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evaluateMapping } from '@/lib/mapping/evaluate';
import { checkExpression } from '@/lib/mapping/expression';
import { anyJson, fuzzParams, fuzzTimeout, hostileText } from './budget';

const SECONDS = 8;

/** Regular expressions with a reputation: nested and overlapping quantifiers, alternations. */
const regex = fc.constantFrom(
  '/(a+)+$/',
  '/(a|aa)+$/',
  '/(a|a?)+b/',
  '/^(\\w+\\s?)*$/',
  '/(.*a){12}/',
  '/([a-z]+)*[0-9]/i',
  '/(x+x+)+y/',
  '/(?:a*)*b/',
  '/\\d+/',
  '/[/',
  '/(a)\\1/',
  '/(?=a)a/',
);
const subject = fc.oneof(
  fc.nat({ max: 50_000 }).map((n) => `"${'a'.repeat(n)}!"`),
  fc.constantFrom('order.email', 'line_items.sku', '$string(order_number)', '""'),
);
let counter = 0;
const expression: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom('$match', '$contains', '$replace', '$split'), subject, regex)
    .map(([fn, s, r]) => (fn === '$replace' ? `${fn}(${s}, ${r}, "-")` : `${fn}(${s}, ${r})`)),
  fc.constantFrom(
    '($f := function($n){ $f($n + 1) }; $f(0))',
    '($loop := function(){ $loop() }; $loop())',
    '[1..10000000].($ * 2)',
    '$sum([1..5000000])',
    '$string($)',
    '{ "orderNumber": $string(order_number), "lines": line_items.{ "sku": sku } }',
    '$eval("$match(\\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\\", /(a+)+$/)")',
  ),
  hostileText.map((t) => t.slice(0, 2000)),
  fc.string({ maxLength: 200 }),
);
const payload = fc.oneof(
  anyJson,
  fc.record({
    order_number: fc.oneof(fc.integer(), hostileText),
    email: hostileText,
    line_items: fc.array(fc.record({ sku: hostileText }), { maxLength: 5 }),
  }),
);

describe('mapping expressions under arbitrary text and input', () => {
  it(
    'checking any text answers ok or a positioned error, never a throw',
    () => {
      fc.assert(
        fc.property(expression, (text) => {
          const check = checkExpression(text);
          if (!check.ok) expect(typeof check.error.message).toBe('string');
        }),
        fuzzParams(SECONDS / 2),
      );
    },
    fuzzTimeout(SECONDS / 2),
  );

  it(
    'evaluating ends with a command or a readable failure, and the next evaluation still works',
    async () => {
      await fc.assert(
        fc.asyncProperty(expression, payload, async (text, input) => {
          // a fresh id: each expression compiles on its own, as a new mapping version would
          const mapping = { id: `fuzz-${counter++}`, expression: text };
          const result = await evaluateMapping(mapping, input, z.unknown());
          if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
          const next = await evaluateMapping(
            { id: 'fuzz-probe', expression: '{ "n": n + 1 }' },
            { n: 1 },
            z.object({ n: z.number() }),
          );
          expect(next).toEqual({ ok: true, command: { n: 2 } });
        }),
        fuzzParams(SECONDS),
      );
    },
    fuzzTimeout(SECONDS, 60),
  );
});
