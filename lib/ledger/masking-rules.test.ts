import { describe, expect, it, vi } from 'vitest';
import {
  applyMaskingRules,
  checkMaskingPath,
  compileMaskingRules,
  maskFactPayloads,
  MASK,
  payloadRules,
} from './masking-rules';

const order = () => ({
  order_number: 1001,
  customer: { phone: '+44 20 7946 0000', email: 'ann@example.com', tags: ['vip'] },
  shipping_address: { address1: '1 High St', city: 'London', zip: 'N1 9GU', lines: ['a', 'b'] },
  payments: [
    { card: { brand: 'visa', last4: '4242' }, amount: 10 },
    { card: { brand: 'amex', last4: '0005' }, amount: 5 },
  ],
  note: '',
  gift: null,
});

describe('applyMaskingRules', () => {
  it('masks a nested field and leaves everything else as it was', () => {
    const masked = applyMaskingRules(order(), ['$.customer.phone']) as ReturnType<typeof order>;
    expect(masked.customer).toEqual({ ...order().customer, phone: MASK });
    expect(masked.shipping_address).toEqual(order().shipping_address);
  });

  it('masks every child under a wildcard, keeping keys and array lengths', () => {
    const masked = applyMaskingRules(order(), ['$.shipping_address.*']) as ReturnType<typeof order>;
    expect(masked.shipping_address).toEqual({
      address1: MASK,
      city: MASK,
      zip: MASK,
      lines: [MASK, MASK],
    });
  });

  it('finds a field at any depth and in every array element (recursive descent)', () => {
    const masked = applyMaskingRules(order(), ['$..card.last4']) as ReturnType<typeof order>;
    expect(masked.payments.map((p) => p.card)).toEqual([
      { brand: 'visa', last4: MASK },
      { brand: 'amex', last4: MASK },
    ]);
    expect(masked.payments[0]?.amount).toBe(10);
  });

  it('masks array elements by index and a whole matched object', () => {
    const masked = applyMaskingRules(order(), ['$.payments[1]', '$.customer']) as ReturnType<
      typeof order
    >;
    expect(masked.payments[0]?.card.last4).toBe('4242');
    expect(masked.payments[1]).toEqual({ card: { brand: MASK, last4: MASK }, amount: MASK });
    expect(masked.customer).toEqual({ phone: MASK, email: MASK, tags: [MASK] });
  });

  it('keeps nulls and empty strings (they reveal nothing) and masks numbers', () => {
    const masked = applyMaskingRules(order(), ['$.note', '$.gift', '$.order_number']);
    expect(masked).toMatchObject({ note: '', gift: null, order_number: MASK });
  });

  it('returns the same value, untouched, when no path matches', () => {
    const value = order();
    expect(applyMaskingRules(value, ['$.nothing.here', '$..nowhere'])).toBe(value);
    expect(applyMaskingRules(value, [])).toBe(value);
  });

  it('never changes the value it was given', () => {
    const value = order();
    applyMaskingRules(value, ['$..card.last4', '$.customer.phone']);
    expect(value).toEqual(order());
  });

  it('masks a payload that is not JSON whole when there are rules (it cannot be matched)', () => {
    expect(applyMaskingRules('phone=+44 20 7946 0000', ['$.phone'])).toBe(MASK);
    expect(applyMaskingRules('phone=+44', [])).toBe('phone=+44');
  });

  it('reports a path the evaluator refuses and carries on with the others', () => {
    const onInvalid = vi.fn();
    const masked = applyMaskingRules(order(), ['$..[?(@.last4)]', '$.customer.phone'], onInvalid);
    expect(onInvalid).toHaveBeenCalledWith(expect.objectContaining({ path: '$..[?(@.last4)]' }));
    expect((masked as ReturnType<typeof order>).customer.phone).toBe(MASK);
  });
});

describe('checkMaskingPath / compileMaskingRules', () => {
  it.each(['$.customer.phone', '$.shipping_address.*', '$..card.last4', "$['a b'].c", '$.x[0]'])(
    'accepts %s',
    (path) => expect(checkMaskingPath(path)).toBeNull(),
  );

  it.each([
    ['customer.phone', /start the path with \$/],
    ['$[', /brackets/],
    ['$.a]', /brackets/],
    ["$['a", /quote/],
    ['$.a.', /empty step/],
    ['$..[?(@.x)]', /filter/],
    [' $.a', /spaces/],
    ['', /spaces/],
  ])('refuses %s', (path, problem) => expect(checkMaskingPath(path)).toMatch(problem));

  it('keeps the valid paths of a stored list and reports the rest, without throwing', () => {
    const onInvalid = vi.fn();
    expect(compileMaskingRules(['$.a', 42, 'b', '$.a', '$[', '$..c'], onInvalid)).toEqual([
      '$.a',
      '$..c',
    ]);
    expect(onInvalid).toHaveBeenCalledTimes(3);
    expect(compileMaskingRules({ not: 'a list' }, onInvalid)).toEqual([]);
    expect(compileMaskingRules(null)).toEqual([]);
  });
});

describe('maskFactPayloads', () => {
  const rules = payloadRules(['$.customer.phone'], ['$.contact.mobile']);

  it("masks a command's request with the target's and the source's rules", () => {
    const data = {
      attempt: 1,
      request: { contact: { mobile: '07700' }, customer: { phone: '020' } },
    };
    expect(maskFactPayloads('command.sent', data, rules)).toEqual({
      attempt: 1,
      request: { contact: { mobile: MASK }, customer: { phone: MASK } },
    });
  });

  it("masks a provider answer's response with the target's rules only", () => {
    const data = {
      status: 200,
      response: { contact: { mobile: '07700' }, customer: { phone: '1' } },
    };
    expect(maskFactPayloads('provider.accepted', data, rules)).toEqual({
      status: 200,
      response: { contact: { mobile: MASK }, customer: { phone: '1' } },
    });
  });

  it('leaves facts without payloads alone', () => {
    const data = { note: 'customer called', phone: '1' };
    expect(maskFactPayloads('note.added', data, rules)).toBe(data);
  });
});
