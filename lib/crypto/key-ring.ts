// The encryption key ring: every key that may still have sealed a stored secret, by key id, and the
// one new envelopes are sealed with. Envelopes name their key ("v2.<kid>.<iv>.<tag>.<data>"), so a
// new key can be introduced, everything re-sealed (npm run secrets:reencrypt) and the old key
// retired without a moment where a stored secret cannot be opened. Envelopes of the first format
// ("v1.<iv>.<tag>.<data>", no key id) were sealed with WAYBILL_ENCRYPTION_KEY: the legacy key "k1".
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { openSecret } from './secret-box';

/** the id WAYBILL_ENCRYPTION_KEY carries, and the key that opens v1 envelopes */
export const LEGACY_KEY_ID = 'k1';
/** key ids sit inside the envelope between dots: keep them short and dot-free */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export interface KeyRing {
  /** the key id new envelopes are sealed with */
  readonly activeKeyId: string;
  /** every key id the ring can open, active first */
  readonly keyIds: readonly string[];
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** the key id an envelope was sealed with (v1 envelopes: the legacy key), without opening it */
  keyIdOf(sealed: string): string;
  /** true when the envelope is already in the current format under the active key */
  isCurrent(sealed: string): boolean;
}

export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(
      `sealed secret: key "${keyId}" is not in the key ring (add it to WAYBILL_ENCRYPTION_KEYS ` +
        'until every secret has been re-encrypted)',
    );
    this.name = 'UnknownKeyError';
  }
}

function decodeKey(keyId: string, value: Buffer | string): Buffer {
  const key = typeof value === 'string' ? Buffer.from(value, 'base64') : value;
  if (key.length !== 32) throw new Error(`encryption key "${keyId}" must be base64 of 32 bytes`);
  return key;
}

/** The key id an envelope names (v1: the legacy key), or null for something that is no envelope.
 *  Needs no key: screens show which key protects a secret without opening it. */
export function keyIdOfEnvelope(sealed: string): string | null {
  const [version, kid] = sealed.split('.', 2);
  if (version === 'v1') return LEGACY_KEY_ID;
  if (version === 'v2' && kid && KEY_ID_PATTERN.test(kid)) return kid;
  return null;
}

/** The envelope's header doubles as associated data: a kid swapped in storage fails to open. */
const aadOf = (keyId: string) => Buffer.from(`v2.${keyId}`, 'utf8');

export function createKeyRing(options: {
  keys: Readonly<Record<string, Buffer | string>>;
  activeKeyId: string;
}): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(options.keys)) {
    if (!KEY_ID_PATTERN.test(id))
      throw new Error(`encryption key id "${id}" must be 1-32 letters, digits, "-" or "_"`);
    keys.set(id, decodeKey(id, value));
  }
  const active = keys.get(options.activeKeyId);
  if (!active)
    throw new Error(`the active encryption key "${options.activeKeyId}" is not in the key ring`);
  const activeKeyId = options.activeKeyId;

  const keyFor = (keyId: string): Buffer => {
    const key = keys.get(keyId);
    if (!key) throw new UnknownKeyError(keyId);
    return key;
  };

  const keyIdOf = (sealed: string): string => {
    const kid = keyIdOfEnvelope(sealed);
    if (!kid) throw new Error('sealed secret: unknown format');
    return kid;
  };

  return {
    activeKeyId,
    keyIds: [activeKeyId, ...[...keys.keys()].filter((id) => id !== activeKeyId)],
    keyIdOf,
    isCurrent: (sealed) => sealed.startsWith(`v2.${activeKeyId}.`),
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active, iv, { authTagLength: 16 });
      cipher.setAAD(aadOf(activeKeyId));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        'v2',
        activeKeyId,
        ...[iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')),
      ].join('.');
    },
    open(sealed) {
      const keyId = keyIdOf(sealed);
      if (sealed.startsWith('v1.')) return openSecret(sealed, keyFor(keyId));
      const [, , iv, tag, data, ...rest] = sealed.split('.');
      if (!iv || !tag || data === undefined || rest.length > 0)
        throw new Error('sealed secret: unknown format');
      const authTag = Buffer.from(tag, 'base64url');
      if (authTag.length !== 16) throw new Error('sealed secret: bad authentication tag');
      const decipher = createDecipheriv(
        'aes-256-gcm',
        keyFor(keyId),
        Buffer.from(iv, 'base64url'),
        {
          authTagLength: 16,
        },
      );
      decipher.setAAD(aadOf(keyId));
      decipher.setAuthTag(authTag);
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/** A ring of one key, id "k1" (tests, fixtures, single-key installations). */
export function singleKeyRing(base64: string): KeyRing {
  return createKeyRing({ keys: { [LEGACY_KEY_ID]: base64 }, activeKeyId: LEGACY_KEY_ID });
}

export interface KeyRingEnv {
  WAYBILL_ENCRYPTION_KEY?: string | undefined;
  WAYBILL_ENCRYPTION_KEYS?: string | undefined;
  WAYBILL_ENCRYPTION_KEY_ID?: string | undefined;
}

/** "k2:base64,k3:base64" -> { k2: base64, k3: base64 }; throws naming the bad entry. */
export function parseKeyList(list: string): Record<string, string> {
  const keys: Record<string, string> = {};
  const entries = list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon).trim() : '';
    // The entry itself may be a key pasted without its id: name its position, never its text.
    if (!KEY_ID_PATTERN.test(id))
      throw new Error(`WAYBILL_ENCRYPTION_KEYS entry ${index + 1} must be "<key id>:<base64 key>"`);
    if (id in keys) throw new Error(`key id "${id}" appears twice`);
    keys[id] = entry.slice(colon + 1).trim();
  });
  return keys;
}

/**
 * The ring the environment describes: WAYBILL_ENCRYPTION_KEY is "k1" (and opens v1 envelopes),
 * WAYBILL_ENCRYPTION_KEYS adds more, WAYBILL_ENCRYPTION_KEY_ID picks the active one (default "k1").
 */
export function keyRingFromEnv(env: KeyRingEnv): KeyRing {
  const keys = env.WAYBILL_ENCRYPTION_KEYS ? parseKeyList(env.WAYBILL_ENCRYPTION_KEYS) : {};
  if (env.WAYBILL_ENCRYPTION_KEY) {
    const listed = keys[LEGACY_KEY_ID];
    if (listed && listed !== env.WAYBILL_ENCRYPTION_KEY)
      throw new Error(
        `key id "${LEGACY_KEY_ID}" is WAYBILL_ENCRYPTION_KEY; WAYBILL_ENCRYPTION_KEYS may not give it another value`,
      );
    keys[LEGACY_KEY_ID] = env.WAYBILL_ENCRYPTION_KEY;
  }
  const activeKeyId = env.WAYBILL_ENCRYPTION_KEY_ID ?? LEGACY_KEY_ID;
  return createKeyRing({ keys, activeKeyId });
}
