// Which statement pg is given: named by a hash of its text, the same name for every call of one
// call site whatever its values, one per text when a fragment makes the text vary, none when the
// pool may not prepare (DB_PREPARED_STATEMENTS=0).
import { describe, expect, it } from 'vitest';
import { Prisma } from './generated/client';
import { preparedStatement } from './raw-query';

const site = (strings: TemplateStringsArray, ...values: unknown[]) => ({ strings, values });
const byId = (id: string) => site`SELECT * FROM t WHERE id = ${id}::uuid`;
const sorted = (desc: boolean) =>
  site`SELECT * FROM t WHERE x = ${1}::int ORDER BY x ${desc ? Prisma.sql`DESC` : Prisma.empty}`;

describe('preparedStatement', () => {
  it('names a call site once: its calls share name and text and pass their own values', () => {
    const a = byId('a');
    const b = byId('b');
    const first = preparedStatement(a.strings, a.values, true);
    const second = preparedStatement(b.strings, b.values, true);
    expect(first.text).toBe('SELECT * FROM t WHERE id = $1::uuid');
    expect(first.name).toMatch(/^wb_[\w-]{24}$/);
    expect(second.name).toBe(first.name);
    expect(first.values).toEqual(['a']);
    expect(second.values).toEqual(['b']);
  });

  it('names each text of a call site with a fragment, flattening the fragment', () => {
    const desc = sorted(true);
    const asc = sorted(false);
    const d = preparedStatement(desc.strings, desc.values, true);
    const a = preparedStatement(asc.strings, asc.values, true);
    expect(d.text).toBe('SELECT * FROM t WHERE x = $1::int ORDER BY x DESC');
    expect(a.text).toBe('SELECT * FROM t WHERE x = $1::int ORDER BY x ');
    expect(d.values).toEqual([1]);
    expect(d.name).not.toBe(a.name);
    expect(preparedStatement(desc.strings, desc.values, true).name).toBe(d.name);
  });

  it('gives no name when the pool may not prepare', () => {
    const a = byId('a');
    expect(preparedStatement(a.strings, a.values, false)).toEqual({
      name: undefined,
      text: 'SELECT * FROM t WHERE id = $1::uuid',
      values: ['a'],
    });
  });
});
