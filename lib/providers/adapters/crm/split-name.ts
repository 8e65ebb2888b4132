// Commerce has one full name; the CRM wants given and family names, both non-empty. The split is
// deliberately simple and predictable (operators must be able to guess it from the docs):
//  - trim and collapse runs of whitespace;
//  - the last token is the family name, and case-insensitive nobiliary particles directly
//    before it join it ("Lars de Vries" -> "Lars" / "de Vries", "Maria de la Cruz" -> "Maria" /
//    "de la Cruz"), as long as at least one token is left for the given name ("Van Morrison"
//    stays "Van" / "Morrison");
//  - everything before is the given name ("Mary Ann Smith" -> "Mary Ann" / "Smith");
//  - a single token ("Madonna") becomes BOTH given and family name. The CRM rejects an empty part
//    and a placeholder ("-", "Unknown") would end up in greetings and reports; repeating the one
//    name we have is the least wrong value in either field, and an operator can tell it apart.
// Not handled on purpose: "Family, Given" order, titles and suffixes ("Dr", "Jr."), which are rare
// in storefront data and ambiguous to guess; such names still split by the rules above.
const PARTICLES = new Set([
  'da',
  'das',
  'de',
  'del',
  'della',
  'den',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'ten',
  'ter',
  'van',
  'von',
]);

export interface NameParts {
  givenName: string;
  familyName: string;
}

export function normaliseName(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** Returns null when there is no name at all (empty or whitespace only). */
export function splitFullName(fullName: string): NameParts | null {
  const tokens = normaliseName(fullName).split(' ').filter(Boolean);
  if (tokens.length === 0) return null;
  if (tokens.length === 1) return { givenName: tokens.join(''), familyName: tokens.join('') };
  let familyStart = tokens.length - 1;
  while (familyStart > 1 && PARTICLES.has((tokens[familyStart - 1] ?? '').toLowerCase()))
    familyStart--;
  return {
    givenName: tokens.slice(0, familyStart).join(' '),
    familyName: tokens.slice(familyStart).join(' '),
  };
}
