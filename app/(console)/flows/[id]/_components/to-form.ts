/** FormData from plain fields, for actions called from event handlers. */
export function toForm(fields: Record<string, string | number | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined) form.set(name, String(value));
  return form;
}
