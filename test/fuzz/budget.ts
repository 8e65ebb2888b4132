// The shared budget of the property-based (fast-check) suites. Every suite runs for a bounded time
// with a seed printed up front, so a failure in CI can be replayed exactly:
//   FUZZ_SEED=<seed> npx vitest run test/fuzz/<file>
// FUZZ_SCALE multiplies every time budget for a longer hunt (FUZZ_SCALE=20 ≈ ten minutes per file).
import fc from 'fast-check';

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const scale = Math.max(0.05, Number(process.env.FUZZ_SCALE ?? 1));
let announced = false;

/**
 * fast-check parameters for one property: at most `seconds × FUZZ_SCALE` of runs (reaching the
 * limit is success, not failure), the run's seed, and a readable report on failure.
 */
export function fuzzParams<T>(seconds: number, maxRuns = 1_000_000): fc.Parameters<T> {
  if (!announced) {
    announced = true;
    console.info(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed}); scale ${scale}`);
  }
  return {
    seed,
    numRuns: maxRuns,
    interruptAfterTimeLimit: Math.round(seconds * scale * 1000),
    markInterruptAsFailure: false,
  };
}

/** The time a test must be allowed for a property of `seconds`, plus slack for setup. */
export function fuzzTimeout(seconds: number, slackSeconds = 30): number {
  return Math.round((seconds * scale + slackSeconds) * 1000);
}

/** Header names: tokens of the letters HTTP allows, lower-cased (Headers lower-cases them too). */
export const headerName = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,24}$/)
  .filter((n) => !['content-length', 'transfer-encoding', 'host', 'connection'].includes(n));

/** Header values Headers and node:http accept: visible latin-1 and spaces, no CR/LF/NUL. */
export const headerValue = fc
  .string({
    unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
    maxLength: 200,
  })
  .filter((v) => v.trim() === v && !v.includes('\x7f'));

/** Any JSON value, including deep, huge-number, unicode and prototype-named keys. */
export const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'type', 'data'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);

/** Strings that stress text handling: control characters, lone surrogates, long runs. */
export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({
    unit: fc.constantFrom(
      '\u0000',
      '\u0007',
      '\u001b',
      '\ud800',
      '\udfff',
      '\u202e',
      'é',
      '%',
      '/',
      '\\',
      '.',
      '\n',
    ),
    maxLength: 40,
  }),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
);
