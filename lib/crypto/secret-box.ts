// Secrets at rest: AES-256-GCM with a random 96-bit IV per value. Format "v1.<iv>.<tag>.<data>"
// (base64url), so the key or algorithm can be rotated later by version.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export function sealSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function openSecret(sealed: string, key: Buffer): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined)
    throw new Error('sealed secret: unknown format');
  const authTag = Buffer.from(tag, 'base64url');
  // A truncated tag would weaken authentication to its length: accept the full 16 bytes only.
  if (authTag.length !== 16) throw new Error('sealed secret: bad authentication tag');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
    authTagLength: 16,
  });
  decipher.setAuthTag(authTag);
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

export function encryptionKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes');
  return key;
}
