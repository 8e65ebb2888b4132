import { type SearchResultView } from './search-hit-view';

/** The palette's call to GET /api/v1/search; failures become words for the palette to show. */
export async function fetchSearch(q: string, signal: AbortSignal): Promise<SearchResultView> {
  const response = await fetch(`/api/v1/search?${new URLSearchParams({ q }).toString()}`, {
    signal,
    headers: { accept: 'application/json' },
  });
  if (response.status === 401) throw new Error('Your session has ended. Sign in again.');
  if (!response.ok) throw new Error(`Search failed (${response.status}). Try again.`);
  return (await response.json()) as SearchResultView;
}
