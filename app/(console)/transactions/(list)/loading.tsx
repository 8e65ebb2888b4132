import { PageSkeleton } from '@/components/ui/skeleton';

export default function TransactionsLoading() {
  return <PageSkeleton label="Loading transactions…" />;
}
