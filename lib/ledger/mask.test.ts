import { describe, expect, it } from 'vitest';
import {
  collectPersonalValues,
  createMasker,
  MASK,
  maskEmail,
  maskPersonalData,
  NO_MASK,
  valueReplacer,
  valueSpellings,
} from './mask';

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

describe('maskEmail in URLs and escaped text', () => {
  it.each([
    // the CRM upsert's path segment: @ and + percent-encoded
    [
      'PUT http://crm/crm/v3/contacts/lars.jansen%2B993727%40example.com',
      'PUT http://crm/crm/v3/contacts/l***%40example.com',
    ],
    ['lowercase hex: lars%2b1%40example.com', 'lowercase hex: l***%40example.com'],
    ['twice encoded: lars%252B1%2540example.com', 'twice encoded: l***%2540example.com'],
    ['json escape: lars\\u0040example.com', 'json escape: l***\\u0040example.com'],
    ['UPPER: LARS.JANSEN@EXAMPLE.COM', 'UPPER: L***@EXAMPLE.COM'],
    ['?email=ann%40example.org&x=1', '?email=a***%40example.org&x=1'],
  ])('%j -> %j', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });
});

describe('collectPersonalValues', () => {
  it('collects personal fields at any depth, numbers as text, and emails in any string', () => {
    const into = new Set<string>();
    collectPersonalValues(
      {
        customer: { first_name: 'Lars', last_name: 'Jansen', phone: 31201234567 },
        shipping_address: { address1: 'Prinsengracht 263', zip: '1016 GV', city: 'Amsterdam' },
        note: 'call lars.jansen+1@example.com',
        url: 'http://crm/contacts/lars.jansen%2B2%40example.com',
        tags: ['vip'],
        names: undefined,
        email: '',
      },
      into,
    );
    expect([...into].sort()).toEqual(
      [
        'Lars',
        'Jansen',
        '31201234567',
        'Prinsengracht 263',
        '1016 GV',
        'lars.jansen+1@example.com',
        // decoded, so every spelling of it is found later
        'lars.jansen+2@example.com',
        '',
      ].sort(),
    );
  });

  it('takes every element of a personal array', () => {
    const into = new Set<string>();
    collectPersonalValues({ address: ['1 Main St', 'Floor 2'] }, into);
    expect([...into]).toEqual(['1 Main St', 'Floor 2']);
  });
});

describe('valueSpellings', () => {
  it('has the raw, percent-encoded, form-encoded, twice-encoded, JSON and HTML spellings', () => {
    const spellings = valueSpellings(`Zoë O'Brien+1@x.io`);
    expect(spellings).toEqual(
      expect.arrayContaining([
        `Zoë O'Brien+1@x.io`,
        encodeURIComponent(`Zoë O'Brien+1@x.io`),
        "Zo%C3%AB+O'Brien%2B1%40x.io",
        "Zo%25C3%25AB%2520O'Brien%252B1%2540x.io",
        'Zo%C3%AB%20O%27Brien%2B1%40x.io',
        "Zo\\u00eb O'Brien+1@x.io",
        'Zoë O&#39;Brien+1@x.io',
        'Zoë O&#x27;Brien+1@x.io',
      ]),
    );
  });
});

describe('valueReplacer', () => {
  const EMAIL_VALUE = 'lars.jansen+993727@example.com';
  const replace = (values: string[], text: string) => {
    const r = valueReplacer(values);
    if (!r) throw new Error('no replacer');
    return r(text);
  };

  it('is null without usable values', () => {
    expect(valueReplacer([])).toBeNull();
    expect(valueReplacer(['', ' ', 'A', '--', MASK])).toBeNull();
  });

  it.each([
    ['raw', `to ${EMAIL_VALUE}.`, 'to •••.'],
    ['percent-encoded (%2B, %40)', '/contacts/lars.jansen%2B993727%40example.com', '/contacts/•••'],
    ['lowercase hex', '/contacts/lars.jansen%2b993727%40example.com', '/contacts/•••'],
    ['twice encoded', '?next=%2Fc%2Flars.jansen%252B993727%2540example.com', '?next=%2Fc%2F•••'],
    ['upper case', 'LARS.JANSEN+993727@EXAMPLE.COM answered', '••• answered'],
    ['JSON text', '{"email":"lars.jansen+993727@example.com"}', '{"email":"•••"}'],
  ])('masks the %s spelling of an email', (_label, text, expected) => {
    expect(replace([EMAIL_VALUE], text)).toBe(expected);
  });

  it.each([
    ['form-encoded spaces', '?name=Lars+van+Dijk&x=1', '?name=•••&x=1'],
    ['%20 spaces', '/people/Lars%20van%20Dijk', '/people/•••'],
    ['mixed case', 'LARS VAN DIJK', '•••'],
  ])('masks a name with %s', (_label, text, expected) => {
    expect(replace(['Lars van Dijk'], text)).toBe(expected);
  });

  it('masks a value with quotes and non-ASCII in its JSON and HTML spellings', () => {
    const value = 'Zoë "Z" O\'Brien';
    expect(replace([value], JSON.stringify({ n: value }))).toBe('{"n":"•••"}');
    expect(replace([value], '{"n":"Zo\\u00eb \\"Z\\" O\'Brien"}')).toBe('{"n":"•••"}');
    expect(replace([value], '<b>Zoë &quot;Z&quot; O&#39;Brien</b>')).toBe('<b>•••</b>');
  });

  it('prefers the longest of overlapping values, whichever order they come in', () => {
    const values = ['Lars', 'Jansen', 'Lars Jansen', EMAIL_VALUE];
    expect(replace(values, 'Lars Jansen <lars.jansen+993727@example.com>')).toBe('••• <•••>');
    expect(replace([...values].reverse(), 'Dear Lars Jansen,')).toBe('Dear •••,');
    // the parts still masked alone
    expect(replace(values, 'Lars or Jansen')).toBe('••• or •••');
  });

  it('masks parts next to a percent or JSON escape, not inside longer words or numbers', () => {
    expect(replace(['Lars', 'Jansen'], '/p/Lars%20Jansen')).toBe('/p/•••%20•••');
    expect(replace(['Jansen'], 'line1\\nJansen')).toBe('line1\\n•••');
    expect(replace(['10115'], 'order 9900010115 to 10115 Berlin')).toBe(
      'order 9900010115 to ••• Berlin',
    );
    expect(replace(['Lars'], 'Larsson and lars')).toBe('Larsson and •••');
  });

  it('falls back to a shorter value at the same place when the longer one runs into a word', () => {
    expect(replace(['Lars', 'Lars Jansen'], 'Lars Jansens and Lars Jansen')).toBe(
      '••• Jansens and •••',
    );
    // and finds a value that starts later inside a refused match
    expect(replace(['Jansen', 'xJansen'], 'axJansen')).toBe('axJansen');
    expect(replace(['Jansen', 'ax-Jansen'], 'bax-Jansen')).toBe('bax-•••');
  });

  it('stays fast with hundreds of values over thousands of strings', () => {
    const values = Array.from({ length: 300 }, (_, i) => `Product name number ${i} deluxe`);
    const r = valueReplacer([...values, EMAIL_VALUE, 'Lars Jansen']);
    const started = performance.now();
    let masked = 0;
    for (let i = 0; i < 6000; i += 1)
      if (r?.(`line ${i} for Lars Jansen, /c/lars.jansen%2B993727%40example.com`).includes(MASK))
        masked += 1;
    expect(masked).toBe(6000);
    // ~0.1 s here; a catastrophic pattern took minutes
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('treats regular-expression characters in values literally', () => {
    expect(replace(['a.b*c(d)'], 'a.b*c(d) and aXbbbc(d)')).toBe('••• and aXbbbc(d)');
    expect(replace(['[x]|y'], 'y [x]|y')).toBe('y •••');
  });

  it('masks a value edged by punctuation wherever it occurs', () => {
    expect(replace(['+31 20 123'], 'tel:+31 20 123;')).toBe('tel:•••;');
  });

  it('is stateless between calls (global regular expression)', () => {
    const r = valueReplacer(['Jansen']);
    expect(r?.('Jansen')).toBe('•••');
    expect(r?.('Jansen')).toBe('•••');
  });
});

describe('createMasker', () => {
  const command = {
    method: 'PUT',
    url: 'http://crm/crm/v3/contacts/lars.jansen%2B993727%40example.com',
    request: { email: 'lars.jansen+993727@example.com', givenName: 'Lars', note: 'for Lars' },
  };

  it('is the identity when nothing is to be masked', () => {
    const mask = createMasker({ personal: false });
    expect(mask).toBe(NO_MASK);
    expect(mask.value(command)).toBe(command);
  });

  it('masks fields, emails in URLs and the values in every string for a personal mask', () => {
    const mask = createMasker({ personal: true, values: ['Lars'] });
    expect(mask.value(command)).toEqual({
      method: 'PUT',
      url: 'http://crm/crm/v3/contacts/l***%40example.com',
      request: { email: MASK, givenName: MASK, note: 'for •••' },
    });
    expect(mask.text('Lars is l.j@example.com')).toBe('••• is l***@example.com');
  });

  it('masks only the given values, everywhere, for a role that reads personal data', () => {
    const mask = createMasker({ personal: false, values: ['lars.jansen+993727@example.com'] });
    expect(mask.value(command)).toEqual({
      method: 'PUT',
      url: 'http://crm/crm/v3/contacts/•••',
      request: { email: MASK, givenName: 'Lars', note: 'for Lars' },
    });
  });

  it('masks keys too, and does not mutate its input', () => {
    const input = { 'ann@example.com': { seen: 'ann@example.com' } };
    const copy = structuredClone(input);
    expect(createMasker({ personal: true }).value(input)).toEqual({
      'a***@example.com': { seen: 'a***@example.com' },
    });
    expect(input).toEqual(copy);
  });
});
