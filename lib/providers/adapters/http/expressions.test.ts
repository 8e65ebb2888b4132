// Templates fill a request from the flow's command: every value URL-encoded where it lands in a URL,
// only the command's own properties count, and a missing value stops the request before it leaves.
import { describe, expect, it } from 'vitest';
import {
  buildUrl,
  ConfigEvaluationError,
  evaluate,
  evaluateText,
  fillHeaders,
  fillTemplate,
  headerObject,
  scalarText,
} from './expressions';

const command = {
  reference: '1047/A b?&#',
  recipient: { name: 'Ada Lovelace', email: 'ada+shop@example.com' },
  count: 3,
  flag: false,
  empty: '',
  lines: [{ sku: 'X' }],
};

describe('fillTemplate', () => {
  it('fills names and dotted paths, URL-encoding when asked', () => {
    expect(fillTemplate('/orders/{reference}', command, true)).toBe(
      '/orders/1047%2FA%20b%3F%26%23',
    );
    expect(fillTemplate('{recipient.name} <{recipient.email}>', command, false)).toBe(
      'Ada Lovelace <ada+shop@example.com>',
    );
    expect(fillTemplate('{count}-{flag}', command, true)).toBe('3-false');
    expect(fillTemplate('/static', command, true)).toBe('/static');
  });

  it('throws a readable error for a placeholder without a scalar value', () => {
    expect(() => fillTemplate('/orders/{missing}', command, true)).toThrow(ConfigEvaluationError);
    expect(() => fillTemplate('/orders/{missing}', command, true)).toThrow(
      'no value for {missing} in /orders/{missing}',
    );
    // empty, object and array values are no values either: /orders/ must not be requested
    for (const name of ['empty', 'recipient', 'lines', 'recipient.phone'])
      expect(() => fillTemplate(`/o/{${name}}`, command, true)).toThrow(`no value for {${name}}`);
  });

  it('reads own properties only: {constructor} or {toString} has no value', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'recipient.constructor'])
      expect(() => fillTemplate(`/o/{${name}}`, command, true)).toThrow(ConfigEvaluationError);
    expect(() => fillTemplate('/o/{length}', 'abc', true)).toThrow(ConfigEvaluationError);
  });
});

describe('buildUrl', () => {
  it('joins base and path without a double slash and encodes query values once', () => {
    expect(
      buildUrl(
        'https://dock.example/api/',
        '/v2/orders/{reference}',
        { who: '{recipient.email}' },
        command,
      ),
    ).toBe('https://dock.example/api/v2/orders/1047%2FA%20b%3F%26%23?who=ada%2Bshop%40example.com');
    expect(buildUrl('https://dock.example', '/v2/orders', { ref: '{reference}' }, command)).toBe(
      'https://dock.example/v2/orders?ref=1047%2FA+b%3F%26%23',
    );
  });

  it('keeps a query written in the path, and refuses a missing query value', () => {
    expect(buildUrl('https://d.example', '/v2/orders?reference=test', {}, {})).toBe(
      'https://d.example/v2/orders?reference=test',
    );
    expect(() => buildUrl('https://d.example', '/v2/orders', { ref: '{nope}' }, command)).toThrow(
      'no value for {nope}',
    );
  });
});

describe('headers and values', () => {
  it('fills header templates under lower-case names, unencoded', () => {
    expect(fillHeaders({ 'X-Ref': 'ref {reference}' }, command)).toEqual({
      'x-ref': 'ref 1047/A b?&#',
    });
  });

  it('reads request headers into a lower-case object for $headers', () => {
    expect(headerObject(new Headers({ 'Dock-Event-Id': 'evt_1', 'X-A': 'b' }))).toEqual({
      'dock-event-id': 'evt_1',
      'x-a': 'b',
    });
  });

  it('treats only non-empty scalars as text', () => {
    expect(scalarText('a')).toBe('a');
    expect(scalarText(0)).toBe('0');
    expect(scalarText(true)).toBe('true');
    for (const none of ['', null, undefined, NaN, Infinity, {}, []])
      expect(scalarText(none)).toBeNull();
  });

  it('evaluates expressions with bindings, and turns their failures into messages', async () => {
    expect(await evaluate('a + $b', { a: 1 }, { b: 2 })).toBe(3);
    expect(await evaluateText('$headers.x', {}, { headers: { x: 'y' } })).toBe('y');
    await expect(evaluate('$number("x") + $notAFunction()', {}, {}, 'reference')).rejects.toThrow(
      ConfigEvaluationError,
    );
    await expect(evaluate('$error("boom")', {}, {}, 'reference')).rejects.toThrow(
      /^reference `\$error\("boom"\)` failed: boom/,
    );
  });
});
