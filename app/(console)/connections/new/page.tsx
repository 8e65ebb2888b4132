import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { requirePage } from '@/lib/auth/session';
import { listProviderOptions } from '@/lib/connections/connection-config.presenter';
import { NewConnectionForm } from './_components/new-connection-form';

export const metadata: Metadata = { title: 'New connection' };

export default async function NewConnectionPage() {
  await requirePage('connections.manage');
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href="/connections" className="underline">
          Connections
        </Link>{' '}
        /
      </p>
      <h1 className="text-xl font-semibold">New connection</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        A connection is one external system this organisation exchanges data with. Credentials and
        the webhook secret are stored encrypted and can only be replaced, never read back.
      </p>
      <NewConnectionForm providers={listProviderOptions()} />
    </div>
  );
}
