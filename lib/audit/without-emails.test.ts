import { describe, expect, it } from 'vitest';
import { withoutEmails } from './without-emails';

describe('withoutEmails', () => {
  it.each([
    ['customer lars.jansen+993727@example.com called', 'customer l***@example.com called'],
    ['see /contacts/lars.jansen%2B993727%40example.com', 'see /contacts/l***%40example.com'],
    ['twice: a%2540b.example.org', 'twice: a***%2540b.example.org'],
    ['escaped lars\\u0040example.com', 'escaped l***\\u0040example.com'],
    ['LARS@EXAMPLE.COM and anna@example.org', 'L***@EXAMPLE.COM and a***@example.org'],
  ])('%s', (text, expected) => {
    expect(withoutEmails(text)).toBe(expected);
  });

  it('leaves text without an address as it is', () => {
    expect(withoutEmails('warehouse back at 10:30, replaying @ once')).toBe(
      'warehouse back at 10:30, replaying @ once',
    );
  });
});
