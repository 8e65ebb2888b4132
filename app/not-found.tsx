import Link from '@/components/ui/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        Nothing here, or nothing you can see in your organisation.
      </p>
      <Link className="mt-4 inline-block text-blue-700 underline" href="/transactions">
        Back to transactions
      </Link>
    </main>
  );
}
