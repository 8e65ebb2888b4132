import Link from '@/components/ui/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600">
        Your role does not include this screen. Ask an admin of your organisation if you need it.
      </p>
      <Link className="mt-4 inline-block text-blue-700 underline" href="/transactions">
        Back to transactions
      </Link>
    </main>
  );
}
