import { describe, expect, it } from 'vitest';
import { ErrorClass } from '@/lib/db';
import { ERROR_CLASS_HELP, errorClassHelp, errorClassLabel } from './error-class-help';

describe('error class help', () => {
  it.each(Object.values(ErrorClass))('explains %s with a meaning and an action', (cls) => {
    const help = errorClassHelp(cls);
    expect(help.label.length).toBeGreaterThan(2);
    expect(help.meaning).toMatch(/^[A-Z].*\.$/);
    expect(help.action).toMatch(/^[A-Z].*\.$/);
  });

  it('has no entry for a class the ledger does not know', () => {
    expect(Object.keys(ERROR_CLASS_HELP).sort()).toEqual(Object.values(ErrorClass).sort());
  });

  it('tells support what to do about refused credentials', () => {
    expect(errorClassHelp('auth')).toMatchObject({
      meaning: 'The provider rejected our credentials.',
      action: "An admin must update the connection's credentials; then replay.",
    });
  });
});

describe('errorClassLabel', () => {
  it('names known classes and passes unknown strings through', () => {
    expect(errorClassLabel('rate_limited')).toBe('Rate limited');
    expect(errorClassLabel('toString')).toBe('toString');
    expect(errorClassLabel('gone_class')).toBe('gone_class');
  });
});
