import { describe, expect, it } from 'vitest';
import { upsertCustomerCommand } from './schemas';
import { splitFullName } from './split-name';

describe('splitFullName', () => {
  it.each([
    ['Lars de Vries', 'Lars', 'de Vries'],
    ['Anna Jansen', 'Anna', 'Jansen'],
    ['Mary Ann Smith', 'Mary Ann', 'Smith'],
    ['  Sofia    Rossi  ', 'Sofia', 'Rossi'],
    ['Anna\tMaria\nMüller', 'Anna Maria', 'Müller'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Maria de la Cruz', 'Maria', 'de la Cruz'],
    ['Jan van der Berg', 'Jan', 'van der Berg'],
    ['Lars De Vries', 'Lars', 'De Vries'],
    ['Leonardo da Vinci', 'Leonardo', 'da Vinci'],
    ['Jean-Luc Le Pen', 'Jean-Luc', 'Le Pen'],
    // A particle as the first token stays the given name: someone must be left to greet.
    ['Van Morrison', 'Van', 'Morrison'],
    ['De la Cruz', 'De', 'la Cruz'],
    // One token: the CRM needs both parts, so the one name fills both.
    ['Madonna', 'Madonna', 'Madonna'],
  ])('%j -> %j / %j', (full, givenName, familyName) => {
    expect(splitFullName(full)).toEqual({ givenName, familyName });
  });

  it('has nothing to split in an empty name', () => {
    expect(splitFullName('')).toBeNull();
    expect(splitFullName('   ')).toBeNull();
  });
});

describe('upsert_customer command', () => {
  it('splits fullName when no parts are given', () => {
    expect(
      upsertCustomerCommand.parse({ email: 'lars@example.com', fullName: 'Lars de Vries' }),
    ).toEqual({
      email: 'lars@example.com',
      givenName: 'Lars',
      familyName: 'de Vries',
    });
  });

  it('keeps explicit parts and fills only the missing one from fullName', () => {
    expect(
      upsertCustomerCommand.parse({
        email: 'a@example.com',
        fullName: 'Anna Maria Jansen',
        givenName: 'Anna',
        externalRef: '1047',
      }),
    ).toEqual({
      email: 'a@example.com',
      givenName: 'Anna',
      familyName: 'Jansen',
      externalRef: '1047',
    });
  });

  it('treats blank strings as absent and lower-cases the email key', () => {
    expect(
      upsertCustomerCommand.parse({
        email: ' Lars@Example.COM ',
        fullName: 'Lars de Vries',
        givenName: ' ',
        familyName: '',
        externalRef: '',
      }),
    ).toEqual({ email: 'lars@example.com', givenName: 'Lars', familyName: 'de Vries' });
  });

  it.each([
    [{ email: 'a@example.com' }],
    [{ email: 'a@example.com', fullName: '   ' }],
    [{ email: 'a@example.com', givenName: 'Anna' }],
    [{ email: 'not-an-email', fullName: 'Anna Jansen' }],
  ])('rejects %j (a mapping error, before any call)', (command) => {
    expect(upsertCustomerCommand.safeParse(command).success).toBe(false);
  });
});
