import { describe, expect, it } from 'vitest';
import { findPersonalData, personalTerms, type Customer } from './personal-data-scan';

const LARS: Customer = {
  email: 'lars.oosterhuis+4711@example.com',
  firstName: 'Lars',
  lastName: 'Oosterhuis',
  street: 'Prinsengracht 263',
  zip: '1016 GV',
  city: 'Amsterdam',
};

const terms = (text: string) => findPersonalData(text, LARS).map((f) => f.term);

describe('findPersonalData', () => {
  it.each([
    ['the raw email', 'to lars.oosterhuis+4711@example.com', 'email'],
    [
      'the email in a URL path',
      '/contacts/lars.oosterhuis%2B4711%40example.com',
      'email (percent-encoded)',
    ],
    ['lower-case hex', '/contacts/lars.oosterhuis%2b4711%40example.com', 'email (percent-encoded)'],
    ['upper case', 'LARS.OOSTERHUIS+4711@EXAMPLE.COM', 'email'],
    ['the local part alone', 'from lars.oosterhuis+4711 at', 'email local part'],
    ['a form-encoded name', '?name=Lars+Oosterhuis', 'full name (form-encoded)'],
    ['the family name', 'Dear Mr Oosterhuis', 'family name'],
    ['the street', '"address1":"Prinsengracht 263"', 'street'],
    ['a percent-encoded postal code', 'zip=1016%20GV', 'postal code (percent-encoded)'],
  ])('finds %s', (_label, text, term) => {
    expect(terms(text)).toContain(term);
  });

  it('finds nothing in masked text', () => {
    expect(
      terms(
        'PUT http://crm/crm/v3/contacts/l***%40example.com · {"email":"•••","name":"•••"} · l***@example.com',
      ),
    ).toEqual([]);
  });

  it('has distinct spellings only', () => {
    const values = personalTerms(LARS).map(([, v]) => v);
    expect(new Set(values).size).toBe(values.length);
  });
});
