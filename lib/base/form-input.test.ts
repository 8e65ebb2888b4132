import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkbox, formInput, formOrValue, listOf } from './form-input';

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe('formInput', () => {
  it('keeps values as sent: no trimming, empty stays empty, absent stays absent', () => {
    const input = formInput(
      form([
        ['reason', '  warehouse back  '],
        ['note', ''],
      ]),
    );
    expect(input).toEqual({ reason: '  warehouse back  ', note: '' });
    expect('missing' in input).toBe(false);
  });

  it('reads a name sent several times as a list, and leaves files out', () => {
    const input = formInput(
      form([
        ['scopes', 'transactions.read'],
        ['scopes', 'audit.read'],
        ['upload', new Blob(['x'])],
      ]),
    );
    expect(input).toEqual({ scopes: ['transactions.read', 'audit.read'] });
  });
});

describe('schemas for form fields', () => {
  const schema = z.object({ scopes: listOf(z.string()), enabled: checkbox() });

  it('reads one, several or no values of a list field as a list', () => {
    expect(schema.parse(formInput(form([['scopes', 'a']]))).scopes).toEqual(['a']);
    expect(
      schema.parse(
        formInput(
          form([
            ['scopes', 'a'],
            ['scopes', 'b'],
          ]),
        ),
      ).scopes,
    ).toEqual(['a', 'b']);
    expect(schema.parse(formInput(form([]))).scopes).toEqual([]);
  });

  it('reads a checkbox as present or absent', () => {
    expect(schema.parse(formInput(form([['enabled', 'on']]))).enabled).toBe(true);
    expect(schema.parse(formInput(form([]))).enabled).toBe(false);
  });
});

describe('formOrValue', () => {
  const schema = formOrValue(z.object({ userId: z.string() }));

  it('reads a FormData like a form action would, and takes a plain value as it is', () => {
    expect(schema.parse(form([['userId', 'u1']]))).toEqual({ userId: 'u1' });
    expect(schema.parse({ userId: 'u2' })).toEqual({ userId: 'u2' });
  });
});
