import { fieldRows, type SchemaRow } from '@/lib/http/schema-rows';
import { Prose } from './prose';

export const schemaAnchor = (name: string) => `schema-${name}`;

/**
 * Cell styles set once on the table (a deep response has hundreds of rows; classes per cell
 * would be most of the page's bytes). Cells wrap anywhere: break-words is inherited.
 */
export const TABLE_CLASS =
  'w-full table-fixed border-collapse break-words text-left text-sm [&_td]:px-2 [&_td]:py-1 [&_td]:align-top [&_td]:text-slate-700 [&_th]:px-2 [&_th]:py-1 [&_th]:align-top [&_tbody_th]:font-normal [&_tbody_tr]:border-b [&_tbody_tr]:border-slate-100 [&_thead]:border-b [&_thead]:border-slate-300 [&_thead]:text-slate-600 [&_thead_th]:font-medium';

/** A row's constraints ("format: uuid", "default: 50"), small, under its description. */
export function Constraints({ items }: { items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="text-xs text-slate-600">
      {items.map((c) => (
        <li key={c}>{c}</li>
      ))}
    </ul>
  );
}

/**
 * A schema as a table: one row per field, indented by depth. Fixed layout with wrapping cells,
 * so a deep response never widens the page (the layout sweep checks 390 px) and no cell needs a
 * scrolling wrapper of its own.
 */
export function SchemaTable({ rows, caption }: { rows: readonly SchemaRow[]; caption: string }) {
  const shown = fieldRows(rows);
  return (
    <table className={TABLE_CLASS}>
      <caption className="sr-only">{caption}</caption>
      <colgroup>
        <col className="w-[38%]" />
        <col className="w-[22%]" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((row, i) => (
          <tr key={i}>
            <th
              scope="row"
              // depth as indentation: the tree reads top-down without nested tables
              style={{ paddingLeft: `${0.5 + row.depth * 1}rem` }}
            >
              <code className="text-slate-900">{row.name ?? 'body'}</code>{' '}
              {row.required && <span className="ml-1 text-xs text-red-800">required</span>}
            </th>
            <td>
              {row.ref ? (
                <a className="text-blue-800 underline" href={`#${schemaAnchor(row.ref)}`}>
                  {row.type}
                </a>
              ) : (
                row.type
              )}
            </td>
            <td>
              {row.description && <Prose text={row.description} />}
              <Constraints items={row.constraints} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
