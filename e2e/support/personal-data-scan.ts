// The personal-data scan of the masking e2e (e2e/specs/security/viewer-masking.spec.ts): one
// customer's email, name and address in every spelling a page, an API answer or an export could
// carry them (raw, percent-encoded, form-encoded, JSON- and HTML-escaped, any letter case). Pure,
// so e2e/support/personal-data-scan.test.ts can show that it finds what it looks for.

export interface Customer {
  email: string;
  firstName: string;
  lastName: string;
  street: string;
  zip: string;
  city: string;
}

export interface Finding {
  /** what was found, e.g. "email (percent-encoded)" */
  term: string;
  /** a little of the text around it, masked values kept, to say where */
  context: string;
}

/** The terms of one customer: labelled spellings, all compared in lower case. */
export function personalTerms(c: Customer): [label: string, value: string][] {
  const fullName = `${c.firstName} ${c.lastName}`;
  const local = c.email.split('@')[0] ?? c.email;
  const base: [string, string][] = [
    ['email', c.email],
    ['email local part', local],
    ['full name', fullName],
    ['family name', c.lastName],
    ['street', c.street],
    ['postal code', c.zip],
  ];
  const terms = new Map<string, string>();
  for (const [label, value] of base) {
    const uri = encodeURIComponent(value);
    const spellings: [string, string][] = [
      [label, value],
      [`${label} (percent-encoded)`, uri],
      [`${label} (form-encoded)`, uri.replace(/%20/g, '+')],
      [`${label} (twice encoded)`, encodeURIComponent(uri)],
      [`${label} (JSON)`, JSON.stringify(value).slice(1, -1)],
      [`${label} (HTML)`, value.replace(/&/g, '&amp;').replace(/'/g, '&#x27;')],
    ];
    for (const [l, v] of spellings)
      if (![...terms.values()].includes(v.toLowerCase())) terms.set(l, v.toLowerCase());
  }
  return [...terms.entries()];
}

/** Every term found in `text` (case-insensitive), with a little context. */
export function findPersonalData(text: string, c: Customer): Finding[] {
  const lower = text.toLowerCase();
  const findings: Finding[] = [];
  for (const [term, value] of personalTerms(c)) {
    const at = lower.indexOf(value);
    if (at >= 0)
      findings.push({ term, context: text.slice(Math.max(0, at - 40), at + value.length + 40) });
  }
  return findings;
}
