import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules';

describe('new password rules', () => {
  it('accepts 12 characters or more', () => {
    expect(passwordProblem('twelve chars', 'a@b.test')).toBeNull();
    expect(passwordProblem('correct horse battery staple', 'a@b.test')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting characters not bytes', () => {
    expect(passwordProblem('eleven char', 'a@b.test')).toMatch(/at least 12/);
    expect(passwordProblem('ééééééééééé', 'a@b.test')).toMatch(/at least 12/);
  });

  it('refuses the email address, whatever its case or surrounding spaces', () => {
    expect(passwordProblem('Someone@Example.test', 'someone@example.test')).toMatch(/email/);
    expect(passwordProblem('someone@example.test ', ' SOMEONE@example.test')).toMatch(/email/);
  });

  it('refuses absurd lengths', () => {
    expect(passwordProblem('x'.repeat(201), 'a@b.test')).toMatch(/at most 200/);
  });
});
