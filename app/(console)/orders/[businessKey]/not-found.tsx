import Link from '@/components/ui/link';

export default function OrderNotFound() {
  return (
    <section aria-labelledby="order-not-found" className="mx-auto max-w-lg py-10">
      <h1 id="order-not-found" className="text-xl font-semibold">
        Order not found
      </h1>
      <p className="mt-2 text-slate-700">
        No transactions carry this order number in your organisation. Check the number, or search by
        a provider reference, the customer’s email or a transaction id.
      </p>
      <Link className="mt-4 inline-block text-blue-700 underline" href="/search">
        Search orders
      </Link>
    </section>
  );
}
