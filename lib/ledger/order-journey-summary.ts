// The order journey in one line, the answer to "where is my order?" before any detail:
// "paid ✓ → Warehouse ✓ → ERP failed (auth) ✗ → CRM ✓". Each event that started work appears
// once, followed by what each target system did with it, in the order the work was created.
import type { ErrorClass, TransactionStatus } from '@/lib/db';

export interface JourneyStepFacts {
  /** the flow's canonical event type, e.g. "order.paid" */
  eventType: string;
  /** the target system's name, e.g. "ERP" */
  target: string;
  /** the target operation, e.g. "create_sales_order" */
  operation: string;
  status: TransactionStatus;
  errorClass: ErrorClass | null;
}

export type SegmentTone = 'event' | 'ok' | 'problem' | 'pending' | 'paused' | 'cancelled';

export interface JourneySegment {
  label: string;
  mark: string;
  tone: SegmentTone;
}

export interface JourneySummary {
  text: string;
  segments: JourneySegment[];
}

// Canonical event types are ours (providers' topics are translated at the adapter boundary).
const EVENT_WORDS: Record<string, string> = {
  'order.paid': 'paid',
  'shipment.updated': 'shipped',
  'payment.succeeded': 'payment received',
  'refund.created': 'refunded',
  'inventory.exported': 'inventory exported',
};

export function eventLabel(eventType: string): string {
  return EVENT_WORDS[eventType] ?? eventType.replace(/[._]+/g, ' ');
}

/** "create_sales_order" -> "sales order": what a system was asked for, without the verb. */
export function operationLabel(operation: string): string {
  return operation.replace(/^(create|record|upsert|update|set)_/, '').replace(/_+/g, ' ');
}

export function summarizeJourney(steps: readonly JourneyStepFacts[]): JourneySummary {
  // One system asked for different things (an ERP sales order and its payment) needs both named.
  const operationsPerTarget = new Map<string, Set<string>>();
  for (const s of steps) {
    const ops = operationsPerTarget.get(s.target) ?? new Set<string>();
    operationsPerTarget.set(s.target, ops.add(s.operation));
  }
  const segments: JourneySegment[] = [];
  const seenEvents = new Set<string>();
  for (const step of steps) {
    if (!seenEvents.has(step.eventType)) {
      seenEvents.add(step.eventType);
      segments.push({ label: eventLabel(step.eventType), mark: '✓', tone: 'event' });
    }
    const named =
      (operationsPerTarget.get(step.target)?.size ?? 0) > 1
        ? `${step.target} ${operationLabel(step.operation)}`
        : step.target;
    const segment = stepSegment(named, step);
    const previous = segments.at(-1);
    // Repeated identical work (every shipment update to the storefront) reads as one segment.
    if (previous && previous.label === segment.label && previous.tone === segment.tone) continue;
    segments.push(segment);
  }
  return {
    text: segments.map((s) => `${s.label} ${s.mark}`).join(' → '),
    segments,
  };
}

function stepSegment(name: string, step: JourneyStepFacts): JourneySegment {
  const why = step.errorClass ? ` (${step.errorClass.replace(/_/g, ' ')})` : '';
  switch (step.status) {
    case 'completed':
      return { label: name, mark: '✓', tone: 'ok' };
    case 'failed':
      return { label: `${name} failed${why}`, mark: '✗', tone: 'problem' };
    case 'needs_review':
      return { label: `${name} needs review${why}`, mark: '✗', tone: 'problem' };
    case 'waiting_retry':
      return { label: `${name} retrying${why}`, mark: '↻', tone: 'pending' };
    case 'received':
    case 'processing':
      return { label: `${name} in progress`, mark: '…', tone: 'pending' };
    case 'paused':
      return { label: `${name} paused`, mark: '⏸', tone: 'paused' };
    case 'cancelled':
      return { label: `${name} cancelled`, mark: '–', tone: 'cancelled' };
    default: {
      const exhaustive: never = step.status;
      return exhaustive;
    }
  }
}
