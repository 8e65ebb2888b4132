import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashInvitationSecret,
  invitationPath,
  isInvitationSecretShaped,
  newInvitationSecret,
} from './invitation-token';

describe('invitation secrets', () => {
  it('are 32 random bytes in base64url (43 characters), different every time', () => {
    const a = newInvitationSecret();
    const b = newInvitationSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(isInvitationSecretShaped(a)).toBe(true);
  });

  it('are stored as their SHA-256 (hex), never as themselves', () => {
    const secret = newInvitationSecret();
    const hash = hashInvitationSecret(secret);
    expect(hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(secret);
    expect(hashInvitationSecret(secret)).toBe(hash);
    expect(hashInvitationSecret(`${secret}x`)).not.toBe(hash);
  });

  it('rejects anything not shaped like one before any lookup', () => {
    for (const s of ['', 'short', `${newInvitationSecret()}=`, 'a'.repeat(44), '../'.repeat(15)])
      expect(isInvitationSecretShaped(s)).toBe(false);
  });

  it('travel as /invite/<secret>', () => {
    expect(invitationPath('abc')).toBe('/invite/abc');
  });
});
