// The erasure's receipt without the address: the audit entry of an erasure keeps a keyed hash of
// (tenant, address), never the address. Asked later "did you handle lars@…'s request?", an admin
// computes the same hash from the address they are given (`waybill customer erasure-proof`) and
// finds the entry. A plain hash would not do: email addresses are guessable, so anyone reading the
// audit log could confirm a guess; the key (derived from the instance secret, NEXTAUTH_SECRET,
// with HKDF so the session secret itself is never the MAC key) keeps that to the installation.
// The tenant is part of the message: the same address erased in two tenants gives two hashes, so
// the audit entries of one tenant say nothing about another's customers.
import { createHmac, hkdfSync } from 'node:crypto';
import { normalizeEmail } from './erase-values';

/** Names the scheme in the audit entry, so a future change of scheme stays verifiable. */
export const PROOF_SCHEME = 'hmac-sha256:hkdf(instance-secret):v1';

export function erasureProof(secret: string, tenantId: string, email: string): string {
  const key = Buffer.from(hkdfSync('sha256', secret, 'waybill', 'customer-erasure-proof:v1', 32));
  return createHmac('sha256', key)
    .update(`${tenantId}\n${normalizeEmail(email)}`)
    .digest('hex');
}
