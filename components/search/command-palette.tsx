'use client';

import { Command } from 'cmdk';
import { useRouter } from 'next/navigation';
import { Dialog } from 'radix-ui';
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { matchPages, type NavItem } from '@/components/shell/nav-items';
import { StatusBadge } from '@/components/ui/status-badge';
import { fetchSearch } from './fetch-search';
import {
  EMAIL_SEARCH_REFUSED,
  SEARCH_EXAMPLES,
  orderHref,
  searchHref,
  transactionsLabel,
  type SearchResultView,
} from './search-hit-view';
import { usePaletteShortcut } from './use-palette-shortcut';

const DEBOUNCE_MS = 150;
const SEARCH_PAGE = 'search-page';
const pageValue = (p: NavItem) => `page:${p.href}`;

interface Answer {
  q: string;
  data: SearchResultView | null;
  error: string | null;
}

/**
 * Search everywhere: Cmd-K / Ctrl-K, "/" outside a text field, or the header button. Support
 * reaches an order's journey in three interactions: open, type the number, Enter. Enter pressed
 * before the answer for what was typed has arrived waits for it, so a fast typist still lands on
 * the top order rather than on whatever the previous keystroke found. It also goes to pages by
 * name ("rec" → Reconciliation): those are matched in the browser, so they are never stale and
 * Enter on one does not wait; with no order found, the first matching page is the default.
 */
export function CommandPalette({ pages = [] }: { pages?: readonly NavItem[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [selected, setSelected] = useState('');
  const enterWaitsFor = useRef<string | null>(null);
  const q = text.trim();
  const fresh = answer !== null && answer.q === q;
  const pageHits = matchPages(q, pages);

  usePaletteShortcut(setOpen);

  // Closing (by Escape, the shortcut or a choice) starts the next search afresh: no earlier
  // query's answers are shown for a new one.
  useEffect(() => {
    if (open) return;
    enterWaitsFor.current = null;
    setText('');
    setAnswer(null);
  }, [open]);

  function go(href: string) {
    setOpen(false);
    router.push(href);
  }

  useEffect(() => {
    if (!open || !q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchSearch(q, controller.signal)
        .then((data) => {
          setAnswer({ q, data, error: null });
          const page = matchPages(q, pages)[0];
          setSelected(data.hits.length ? 'hit-0' : page ? pageValue(page) : SEARCH_PAGE);
          if (enterWaitsFor.current === q) {
            const top = data.hits[0];
            go(top ? orderHref(top.businessKey) : page ? page.href : searchHref(q));
          }
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          const message = error instanceof Error ? error.message : 'Search failed.';
          setAnswer({ q, data: null, error: message });
          setSelected(SEARCH_PAGE);
          if (enterWaitsFor.current === q) go(searchHref(q));
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // Keyed on the query only: `go` is a fresh closure each render and needs no re-run.
  }, [q, open]);

  function onKeyDown(e: ReactKeyboardEvent) {
    if (e.key !== 'Enter' || !q || fresh) return;
    // A page matched for this very query is current whatever the server answers.
    if (pageHits.some((p) => pageValue(p) === selected)) return;
    // The highlighted option belongs to an earlier query: wait for this one's answer.
    e.preventDefault();
    enterWaitsFor.current = q;
  }

  // While the next answer is on its way the previous hits stay, so the list does not flicker.
  const hits = q ? (answer?.data?.hits ?? []) : [];
  const refused = fresh && answer.data?.emailSearchRefused === true;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        title="Search orders and pages (⌘K or Ctrl+K, or /)"
        className="flex items-center gap-2 rounded border border-slate-300 bg-white px-3 py-1 text-sm whitespace-nowrap text-slate-700 hover:border-slate-400"
      >
        Search{' '}
        <kbd className="hidden rounded bg-slate-100 px-1.5 text-xs text-slate-700 sm:inline">
          ⌘K
        </kbd>
      </button>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label="Search orders"
        shouldFilter={false}
        vimBindings={false}
        loop
        value={selected}
        onValueChange={setSelected}
        onKeyDown={onKeyDown}
        overlayClassName="fixed inset-0 z-40 bg-slate-900/40 dark:bg-black/60"
        contentClassName="fixed top-[12vh] left-1/2 z-50 w-[min(40rem,92vw)] -translate-x-1/2 overflow-hidden rounded-lg bg-white shadow-xl dark:ring-1 dark:ring-slate-300"
      >
        <Dialog.Title className="sr-only">Search orders</Dialog.Title>
        <Dialog.Description className="sr-only">
          Type an order number, a provider reference, a customer email, a transaction id or the name
          of a page. Enter opens the highlighted order or page.
        </Dialog.Description>
        <Command.Input
          value={text}
          onValueChange={setText}
          placeholder="Order number, reference, email or transaction id"
          maxLength={200}
          className="w-full border-b border-slate-200 px-4 py-3 text-base outline-none placeholder:text-slate-500"
        />
        <div aria-live="polite" className="px-4 pt-2 text-sm text-slate-600 empty:hidden">
          {!q && <Examples />}
          {q && !fresh && 'Searching…'}
          {refused && EMAIL_SEARCH_REFUSED}
          {fresh && answer.error && <span className="text-red-800">{answer.error}</span>}
          {fresh &&
            !answer.error &&
            !refused &&
            hits.length === 0 &&
            pageHits.length === 0 &&
            `No orders or pages match “${q}”.`}
          {fresh && hits.length > 0 && <span className="sr-only">{hitCount(hits.length)}</span>}
        </div>
        <Command.List
          label="Orders and pages"
          aria-busy={q !== '' && !fresh}
          className="max-h-[60vh] overflow-y-auto p-2"
        >
          {hits.map((h, i) => (
            <Command.Item
              key={h.businessKey}
              value={`hit-${i}`}
              onSelect={() => go(orderHref(h.businessKey))}
              className="flex cursor-pointer flex-wrap items-center gap-x-2 rounded px-3 py-2 text-sm data-[selected=true]:bg-blue-50"
            >
              <span className="font-medium text-slate-900">Order #{h.businessKey}</span>
              {h.headlineStatus && <StatusBadge status={h.headlineStatus} />}
              <span className="text-slate-700">
                · {transactionsLabel(h.transactionCount)} · {h.statusSummary} · matched by{' '}
                {h.matchedByLabel}
                {h.customerEmail && ` · ${h.customerEmail}`}
              </span>
            </Command.Item>
          ))}
          {(q ? pageHits : pages).length > 0 && (
            <Command.Group heading={q ? 'Pages' : 'Go to'} className={GROUP_CLASS}>
              {(q ? pageHits : pages).map((p) => (
                <Command.Item
                  key={p.href}
                  value={pageValue(p)}
                  onSelect={() => go(p.href)}
                  className="flex cursor-pointer items-baseline justify-between gap-2 rounded px-3 py-2 text-sm data-[selected=true]:bg-blue-50"
                >
                  <span className="font-medium text-slate-900">{p.label}</span>
                  <span className="text-xs text-slate-600">{p.group}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {q && (
            <Command.Item
              value={SEARCH_PAGE}
              onSelect={() => go(searchHref(q))}
              className="cursor-pointer rounded px-3 py-2 text-sm text-blue-800 data-[selected=true]:bg-blue-50"
            >
              Search for “{q}”
            </Command.Item>
          )}
        </Command.List>
      </Command.Dialog>
    </>
  );
}

function Examples() {
  return (
    <span>
      Try{' '}
      {SEARCH_EXAMPLES.map((e, i) => (
        <span key={e.example}>
          {i > 0 && ', '}
          <kbd className="rounded bg-slate-100 px-1 font-mono text-xs">{e.example}</kbd> (
          {e.meaning})
        </span>
      ))}
      .
    </span>
  );
}

// cmdk renders a group's heading in its own element; style it through the attribute it sets.
const GROUP_CLASS =
  '[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-600';

const hitCount = (n: number) => (n === 1 ? '1 order found' : `${n} orders found`);
