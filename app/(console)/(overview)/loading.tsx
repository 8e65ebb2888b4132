import { PageSkeleton } from '@/components/ui/skeleton';

// Loading skeletons live beside screens every role may read and that cannot answer "not found":
// once a skeleton has streamed, the response status is already 200, so a page that may answer
// 403 (settings, replays) or 404 (a transaction, an order) renders without one and keeps its true
// status. The overview sits in its own route group so its skeleton wraps only itself.
export default function Loading() {
  return <PageSkeleton label="Loading the overview…" />;
}
