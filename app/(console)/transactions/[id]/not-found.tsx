import Link from '@/components/ui/link';
import { currentActor } from '@/lib/auth/session';

// Another tenant's id answers exactly like an id that never existed: nothing says it exists elsewhere.
export default async function TransactionNotFound() {
  const actor = await currentActor();
  return (
    <section aria-labelledby="not-found-heading" className="max-w-xl">
      <h1 id="not-found-heading" className="text-xl font-semibold">
        No transaction with this id in {actor?.tenantName ?? 'this organisation'}
      </h1>
      <p className="mt-2 text-slate-700">
        The link may be mistyped or cut short. Search by order number, external reference or
        customer email instead.
      </p>
      <p className="mt-4">
        <Link href="/transactions" className="text-blue-700 underline">
          ← Back to transactions
        </Link>
      </p>
    </section>
  );
}
