// JSONata under one guard for every evaluation Waybill makes: flow mappings (lib/mapping) and the
// generic HTTP kind's configured expressions (lib/providers/adapters/http). Expressions are
// configuration that an admin types, so each evaluation gets a time budget and a depth limit, and
// regular expressions run on RE2 (linear time) rather than on RegExp.
import jsonata from 'jsonata';
import { LINEAR_REGEX_ENGINE } from './linear-regex';

/** Stored expressions are configuration, not data: anything larger is a mistake or an attack. */
export const MAX_EXPRESSION_BYTES = 64 * 1024;
/**
 * JSONata can recurse without end or run for a long time ($f := function(){ $f() }): every
 * evaluation gets a time budget (ms) and a depth limit. The check runs at each evaluation step;
 * one built-in call that runs long on its own is not interrupted, which is why regular
 * expressions run on RE2 (./linear-regex.ts).
 */
export const EVALUATION_GUARD = {
  timeout: 1000,
  stack: 500,
  RegexEngine: LINEAR_REGEX_ENGINE,
} as const;

export type GuardedExpression = ReturnType<typeof jsonata>;

const compiled = new Map<string, GuardedExpression>();
const MAX_CACHED = 1000;

/** Compiles (or reuses) an expression under the guard; throws JSONata's error when it does not parse. */
export function guardedExpression(expression: string, cacheKey: string = expression) {
  let expr = compiled.get(cacheKey);
  if (!expr) {
    expr = jsonata(expression, EVALUATION_GUARD);
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(cacheKey, expr);
  }
  return expr;
}
