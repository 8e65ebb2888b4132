import type { Metadata } from 'next';
import { requirePage } from '@/lib/auth/session';
import { ErasureForm } from './_components/erasure-form';

export const metadata: Metadata = { title: 'Privacy' };

/** Settings · Privacy: erasure of one customer's personal data on request (admins only). */
export default async function PrivacyPage() {
  const actor = await requirePage('personal_data.erase');
  return (
    <section aria-labelledby="privacy-heading" className="max-w-3xl space-y-4">
      <h1 id="privacy-heading" className="text-xl font-semibold">
        Settings · Privacy
      </h1>
      <h2 className="font-medium">Erase a customer&apos;s personal data</h2>
      <div id="erasure-warning" className="space-y-2 text-sm text-slate-700">
        <p>
          Everything {actor.tenantName} holds about the customer with this email is rewritten: their
          address, name, phone and street in stored webhooks, commands and provider answers (and
          whatever the connections&apos; masking rules mark), and the address wherever a text quotes
          it — request URLs, timeline summaries, errors, notes. Erased values read{' '}
          <q>[erased {new Date().toISOString().slice(0, 10)}]</q>.
        </p>
        <p>
          The ledger keeps its facts: transactions, statuses, references, amounts and timelines
          stay. Other organisations are not touched. This cannot be undone. The audit log records
          the request with a keyed hash of the address, never the address itself.
        </p>
        <p>
          Waybill does not forward the request: erase the customer in the connected systems too (the
          CRM, the storefront), or a later reconciliation may bring their record back.
        </p>
      </div>
      <ErasureForm />
    </section>
  );
}
