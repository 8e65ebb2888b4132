// Personal data masking for roles without personal_data.read (viewer). Applied to every payload
// a page shows: emails anywhere in strings, and the values of fields that name a person or place.
const PERSONAL_FIELDS = new Set([
  'email',
  'phone',
  'name',
  'first_name',
  'last_name',
  'full_name',
  'firstName',
  'lastName',
  'fullName',
  // the CRM's split names, raw and canonical
  'given_name',
  'family_name',
  'givenName',
  'familyName',
  'customer_name',
  'customerName',
  'phone_number',
  'phoneNumber',
  'address1',
  'address2',
  'zip',
  'postal_code',
  'postalCode',
  'address',
]);
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

export function maskEmail(text: string): string {
  return text.replace(EMAIL, '$1***@$2');
}

export function maskPersonalData(value: unknown, key?: string): unknown {
  const personal = key !== undefined && PERSONAL_FIELDS.has(key);
  if (typeof value === 'string') return personal ? (value ? '•••' : value) : maskEmail(value);
  if (typeof value === 'number' && personal) return '•••';
  // Elements of a personal field's array are as personal as the field.
  if (Array.isArray(value))
    return value.map((v) => maskPersonalData(v, personal ? key : undefined));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPersonalData(v, k)]));
  }
  return value;
}
