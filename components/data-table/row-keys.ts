import type { KeyboardEvent } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, [tabindex]';

/**
 * One Tab stop per row: a row's other controls (its checkbox) carry tabindex=-1 and are reached
 * with the arrow keys. Left/Right move within the row, Up/Down to the same control of the
 * neighbouring row. Put on <tbody>; keys typed into a text field are left alone.
 */
export function onRowArrowKeys(e: KeyboardEvent<HTMLTableSectionElement>) {
  const target = e.target as HTMLElement;
  if (target.matches('input:not([type=checkbox]), select, textarea')) return;
  const row = target.closest('tr');
  if (!row) return;
  const inRow = (r: Element) => Array.from(r.querySelectorAll<HTMLElement>(FOCUSABLE));
  const index = inRow(row).indexOf(target);
  if (index < 0) return;
  let next: HTMLElement | undefined;
  if (e.key === 'ArrowLeft') next = inRow(row)[index - 1];
  else if (e.key === 'ArrowRight') next = inRow(row)[index + 1];
  else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
    const sibling = e.key === 'ArrowUp' ? row.previousElementSibling : row.nextElementSibling;
    if (sibling) next = inRow(sibling)[index] ?? inRow(sibling)[0];
  }
  if (!next) return;
  e.preventDefault();
  next.focus();
}
