import type { ReactNode } from 'react';

const TH = 'px-3 py-2 font-medium';

/** One row of a ListTable; the first cell is the row's `<th scope="row">`. */
export const LIST_ROW_CLASS = 'border-b border-slate-100 bg-white align-top';

/**
 * The plain list of a settings screen (rules, tokens): a caption for screen readers, one header
 * per column and a last, unlabelled column for the row's buttons (unless `actions` is false: a
 * read-only list). The rows are the caller's.
 */
export function ListTable({
  caption,
  columns,
  actions = true,
  children,
}: {
  caption: string;
  columns: readonly string[];
  actions?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={TH}>
                {column}
              </th>
            ))}
            {actions && (
              <th scope="col" className={TH}>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
