'use client';

import { Fragment } from 'react';
import { splitInstants } from '@/lib/base/time-format';
import { Time } from './time';

/**
 * Text from the ledger (timeline messages, errors) with each ISO instant in it shown as the
 * console's other times are: "retry at 5 Dec 2026, 09:06:45 EST", the UTC instant on hover.
 */
export function TimeText({ text }: { text: string }) {
  return (
    <>
      {splitInstants(text).map((p, i) =>
        'instant' in p ? <Time key={i} value={p.instant} /> : <Fragment key={i}>{p.text}</Fragment>,
      )}
    </>
  );
}
