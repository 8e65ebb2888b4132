import { StatusBadge } from '@/components/ui/status-badge';
import type { HeldBy } from '@/lib/ledger/held-by-pause';

/**
 * The status of a transaction as people read it: "paused" while a pause holds it (its stored
 * status, received or waiting retry, stays in the title and the data attribute), else its status.
 */
export function ShownStatus({ status, heldBy }: { status: string; heldBy: HeldBy | null }) {
  if (!heldBy) return <StatusBadge status={status} />;
  const by = heldBy.kind === 'connection' ? `${heldBy.name} is paused` : `flow paused`;
  return (
    <span
      data-held-by={heldBy.name}
      data-stored-status={status}
      title={`${by}${heldBy.reason ? `: ${heldBy.reason}` : ''} (waiting as ${status.replace(/_/g, ' ')})`}
    >
      <StatusBadge status="paused" />
    </span>
  );
}
