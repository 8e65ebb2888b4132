import { describe, expect, it } from 'vitest';
import { maskEmail, maskPersonalData } from './mask';

describe('maskEmail', () => {
  it.each([
    ['ada@example.com', 'a***@example.com'],
    [
      'contact: ada.lovelace+orders@mail.example.co.uk, thanks',
      'contact: a***@mail.example.co.uk, thanks',
    ],
    ['two: a@x.io and bob@y.org', 'two: a***@x.io and b***@y.org'],
    ['no email here', 'no email here'],
    ['not@an-email', 'not@an-email'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });

  it('masks on repeated calls (global regex state does not leak)', () => {
    expect(maskEmail('ada@example.com')).toBe('a***@example.com');
    expect(maskEmail('ada@example.com')).toBe('a***@example.com');
  });
});

describe('maskPersonalData', () => {
  it.each([
    'email',
    'phone',
    'name',
    'first_name',
    'last_name',
    'full_name',
    'address1',
    'address2',
    'zip',
    'postal_code',
    'postalCode',
    'address',
  ])('masks the value of personal field %s', (field) => {
    expect(maskPersonalData({ [field]: 'Ada Lovelace 12' })).toEqual({ [field]: '•••' });
  });

  it('leaves an empty personal value empty', () => {
    expect(maskPersonalData({ name: '' })).toEqual({ name: '' });
  });

  it('masks emails inside non-personal strings', () => {
    expect(maskPersonalData({ note: 'ship to ada@example.com asap' })).toEqual({
      note: 'ship to a***@example.com asap',
    });
  });

  it('masks nested objects and arrays', () => {
    const order = {
      id: 1001,
      customer: {
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        tags: ['vip'],
      },
      shipping_address: {
        address1: '12 St James Sq',
        city: 'London',
        zip: 'SW1Y 4JH',
        country: 'GB',
        phone: '+44 20 7946 0000',
      },
      line_items: [
        {
          sku: 'TEA-1',
          quantity: 2,
          price: '4.50',
          properties: [{ gift_note: 'from bob@example.org' }],
        },
      ],
      notes: ['call ada@example.com', 'fragile'],
    };
    expect(maskPersonalData(order)).toEqual({
      id: 1001,
      customer: { first_name: '•••', last_name: '•••', email: '•••', tags: ['vip'] },
      shipping_address: {
        address1: '•••',
        city: 'London',
        zip: '•••',
        country: 'GB',
        phone: '•••',
      },
      line_items: [
        {
          sku: 'TEA-1',
          quantity: 2,
          price: '4.50',
          properties: [{ gift_note: 'from b***@example.org' }],
        },
      ],
      notes: ['call a***@example.com', 'fragile'],
    });
  });

  it.each([
    ['a number', 42],
    ['a boolean', true],
    ['null', null],
    ['undefined', undefined],
    ['a plain string', 'SKU-123'],
  ])('returns %s unchanged', (_label, value) => {
    expect(maskPersonalData(value)).toBe(value);
  });

  it('keeps non-personal fields and non-string values untouched', () => {
    const input = {
      sku: 'TEA-1',
      quantity: 3,
      paid: true,
      total: '12.00',
      missing: null,
      status: 'paid',
    };
    expect(maskPersonalData(input)).toEqual(input);
  });

  it('does not mutate its input', () => {
    const input = {
      customer: { email: 'ada@example.com', name: 'Ada' },
      notes: ['ada@example.com'],
    };
    const copy = structuredClone(input);
    const output = maskPersonalData(input);
    expect(input).toEqual(copy);
    expect(output).not.toBe(input);
    expect((output as typeof input).customer).not.toBe(input.customer);
  });
});

describe('the CRM split names', () => {
  it('masks given and family names, raw and canonical', () => {
    expect(
      maskPersonalData({
        given_name: 'Lars',
        family_name: 'de Vries',
        givenName: 'Lars',
        familyName: 'de Vries',
      }),
    ).toEqual({ given_name: '•••', family_name: '•••', givenName: '•••', familyName: '•••' });
  });
});
