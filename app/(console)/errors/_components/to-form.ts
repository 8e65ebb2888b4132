/** Name/value pairs (hidden-field shape) as the FormData a server action parses. */
export function toForm(fields: readonly (readonly [string, string])[]): FormData {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  return form;
}
