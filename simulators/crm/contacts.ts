// CRM contacts keyed by email: a PUT is an upsert, so a retry is naturally idempotent and only a
// write that changes something counts as a side effect.
import { isPlainObject } from '../shared-runtime';

export interface Contact {
  id: string;
  email: string;
  given_name: string;
  family_name: string;
  external_ref: string | null;
  phone: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ContactInput {
  email: string;
  given_name: string;
  family_name: string;
  /** undefined = keep what is stored; null = clear. */
  external_ref?: string | null;
  phone?: string | null;
}

export interface FieldError {
  path: string;
  message: string;
}

export interface ContactSideEffect {
  kind: 'contact.created' | 'contact.updated';
  id: string;
  email: string;
  external_ref: string | null;
  at: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Emails compare case-insensitively, as CRMs treat them; stored lower-cased. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

type Validated = { ok: true; value: ContactInput } | { ok: false; errors: FieldError[] };

export function validateContact(pathEmail: string, body: unknown): Validated {
  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ path: '', message: 'must be an object' }] };
  }
  const errors: FieldError[] = [];
  /** undefined = absent (or invalid, already reported); null = explicitly empty. */
  const text = (key: string, required: boolean, max: number): string | null | undefined => {
    const value = body[key];
    const blank = value === null || (typeof value === 'string' && value.trim() === '');
    if (value === undefined || blank) {
      if (required) errors.push({ path: key, message: 'required' });
      return value === undefined ? undefined : null;
    }
    if (typeof value !== 'string' || value.length > max) {
      errors.push({ path: key, message: `must be a string of at most ${max} characters` });
      return undefined;
    }
    return value.trim();
  };
  const email = text('email', true, 254);
  if (typeof email === 'string' && !EMAIL.test(email)) {
    errors.push({ path: 'email', message: 'must be an email address' });
  } else if (typeof email === 'string' && emailKey(email) !== emailKey(pathEmail)) {
    errors.push({ path: 'email', message: 'must equal the email in the path' });
  }
  const given = text('given_name', true, 100);
  const family = text('family_name', true, 100);
  const externalRef = text('external_ref', false, 100);
  const phone = text('phone', false, 40);
  if (errors.length > 0 || !email || !given || !family) return { ok: false, errors };
  return {
    ok: true,
    value: {
      email: emailKey(email),
      given_name: given,
      family_name: family,
      ...(externalRef !== undefined && { external_ref: externalRef }),
      ...(phone !== undefined && { phone }),
    },
  };
}

export type UpsertResult = 'created' | 'updated' | 'unchanged';

export class ContactStore {
  private seq = 0;
  private readonly byEmail = new Map<string, Contact>();
  sideEffects: ContactSideEffect[] = [];

  get(email: string): Contact | undefined {
    return this.byEmail.get(emailKey(email));
  }

  all(): Contact[] {
    return [...this.byEmail.values()];
  }

  upsert(input: ContactInput): { result: UpsertResult; contact: Contact } {
    const now = new Date().toISOString();
    const current = this.byEmail.get(input.email);
    const keep = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);
    const next = {
      given_name: input.given_name,
      family_name: input.family_name,
      external_ref: keep(input.external_ref, current?.external_ref ?? null),
      phone: keep(input.phone, current?.phone ?? null),
    };
    if (!current) {
      const contact: Contact = {
        id: `C-${String(++this.seq).padStart(6, '0')}`,
        email: input.email,
        ...next,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      this.byEmail.set(contact.email, contact);
      this.effect('contact.created', contact);
      return { result: 'created', contact };
    }
    const same =
      current.given_name === next.given_name &&
      current.family_name === next.family_name &&
      current.external_ref === next.external_ref &&
      current.phone === next.phone;
    if (same) return { result: 'unchanged', contact: current };
    Object.assign(current, next, { version: current.version + 1, updated_at: now });
    this.effect('contact.updated', current);
    return { result: 'updated', contact: current };
  }

  reset(): void {
    this.seq = 0;
    this.byEmail.clear();
    this.sideEffects = [];
  }

  private effect(kind: ContactSideEffect['kind'], c: Contact): void {
    this.sideEffects.push({
      kind,
      id: c.id,
      email: c.email,
      external_ref: c.external_ref,
      at: c.updated_at,
    });
  }
}
