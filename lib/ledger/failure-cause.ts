// The cause that explains a failure, not merely the last thing that went wrong. A payment whose
// ERP answered "no sales order" on six attempts and 503 on the seventh failed because its sales
// order was missing, not because the ERP was down for a moment: the cause is the error class that
// dominates the transaction's attempts (or a group's), the last attempt's error is shown beside it
// when it differs, and the advice follows from the cause — for a dependency, from the state of the
// step it waits for ("fix that one first" only when that one is actually broken).
//
// Pure: the presenters (transaction page, order journey, error queues) load the evidence
// (lib/ledger/failure-evidence.ts) and call this one function, so the three screens cannot disagree.
import type { ErrorClass, TransactionStatus } from '@/lib/db';
import { ERROR_CLASS_HELP, errorClassHelp } from './error-class-help';
import { groupWords } from './error-group-words';

/** Failures of one class on a transaction's timeline. */
export interface ClassTally {
  errorClass: ErrorClass;
  /** failed attempts: a provider's failed answer, or a dependency block that spent an attempt */
  attempts: number;
  /** dependency waits that spent no attempt ("waiting: ERP sales order for 1047 is pending") */
  waits: number;
  /** what the target said the last time this class happened (already masked) */
  said: string | null;
  /** HTTP status of that answer, when there was one */
  httpStatus: number | null;
  /** ISO time of the last occurrence: breaks ties and picks `said` when tallies merge */
  lastAt: string;
}

/** The step a transaction depends on (its flow's depends-on flow, same business key). */
export interface DependencyState {
  /** the depended-on flow's name, e.g. "Paid orders to ERP sales orders" */
  step: string;
  /** that flow's target system, e.g. "ERP" */
  target: string;
  transactionId: string | null;
  /** null: no transaction of that step exists for this business key (yet) */
  status: TransactionStatus | null;
  errorClass: ErrorClass | null;
  /** what that step's target last said (its newest provider answer, else its last error) */
  said: string | null;
}

export interface CauseInput {
  status: TransactionStatus;
  errorClass: ErrorClass | null;
  lastError: string | null;
  tallies: readonly ClassTally[];
  dependency: DependencyState | null;
  /** a group's advice speaks of the group (its retries are spent); default one transaction */
  scope?: 'transaction' | 'group';
}

export interface FailureCause {
  errorClass: ErrorClass;
  label: string;
  meaning: string;
  /** what a person does next, from the cause (and the dependency's state), not the last error */
  action: string;
  /** what the target said for this cause (the newest occurrence) */
  said: string | null;
  httpStatus: number | null;
  /** failed attempts of this class, of all failed attempts counted */
  attempts: number;
  totalAttempts: number;
  waits: number;
  /** the step this waits for, when the cause is a missing dependency and the flow names one */
  dependency: DependencyState | null;
  /** the last attempt's error, when its class differs from the cause (shown beside it) */
  last: { errorClass: ErrorClass | null; label: string; message: string | null } | null;
}

/** Classes that say "not now" rather than "why": on a tie, a class that explains wins. */
const TRANSIENT: ReadonlySet<ErrorClass> = new Set(['rate_limited', 'timeout', 'provider_outage']);
const PENDING: ReadonlySet<TransactionStatus> = new Set([
  'received',
  'processing',
  'waiting_retry',
  'paused',
]);
/** Statuses past their retries, where "Waybill retries by itself" is no longer true. */
const OPEN_FAILURE: ReadonlySet<TransactionStatus> = new Set(['failed', 'needs_review']);

/** Sums tallies of several transactions (an error group) by class. */
export function mergeTallies(lists: readonly (readonly ClassTally[])[]): ClassTally[] {
  const byClass = new Map<ErrorClass, ClassTally>();
  for (const t of lists.flat()) {
    const seen = byClass.get(t.errorClass);
    if (!seen) {
      byClass.set(t.errorClass, { ...t });
      continue;
    }
    const newer = t.lastAt > seen.lastAt;
    byClass.set(t.errorClass, {
      errorClass: t.errorClass,
      attempts: seen.attempts + t.attempts,
      waits: seen.waits + t.waits,
      said: newer ? t.said : seen.said,
      httpStatus: newer ? t.httpStatus : seen.httpStatus,
      lastAt: newer ? t.lastAt : seen.lastAt,
    });
  }
  return [...byClass.values()];
}

/** The class that explains most: most attempts, then most waits, then one that is not transient. */
export function dominantTally(tallies: readonly ClassTally[]): ClassTally | null {
  const ranked = [...tallies].sort(
    (a, b) =>
      b.attempts - a.attempts ||
      b.waits - a.waits ||
      Number(TRANSIENT.has(a.errorClass)) - Number(TRANSIENT.has(b.errorClass)) ||
      b.lastAt.localeCompare(a.lastAt),
  );
  return ranked[0] ?? null;
}

/** null when there is nothing to explain (no class now, or the work completed / was cancelled). */
export function explainFailure(input: CauseInput): FailureCause | null {
  if (!input.errorClass || input.status === 'completed' || input.status === 'cancelled')
    return null;
  const top = dominantTally(
    input.tallies.filter((t) => Object.hasOwn(ERROR_CLASS_HELP, t.errorClass)),
  );
  const errorClass = top?.errorClass ?? input.errorClass;
  const help = errorClassHelp(errorClass);
  const dependency = errorClass === 'missing_dependency' ? input.dependency : null;
  const totalAttempts = input.tallies.reduce((sum, t) => sum + t.attempts, 0);
  const said = top?.said ?? (errorClass === input.errorClass ? input.lastError : null);
  return {
    errorClass,
    label: help.label,
    meaning: help.meaning,
    action: adviceFor(errorClass, input.status, dependency, said, input.scope ?? 'transaction'),
    said,
    httpStatus: top?.httpStatus ?? null,
    attempts: top?.attempts ?? 0,
    totalAttempts,
    waits: top?.waits ?? 0,
    dependency,
    last:
      errorClass === input.errorClass
        ? null
        : {
            errorClass: input.errorClass,
            label: errorClassHelp(input.errorClass).label,
            message: input.lastError,
          },
  };
}

/** The advice of a cause: what the class asks for, sharpened by the dependency's actual state. */
export function adviceFor(
  errorClass: ErrorClass,
  status: TransactionStatus,
  dependency: DependencyState | null,
  said: string | null,
  scope: 'transaction' | 'group' = 'transaction',
): string {
  const general =
    scope === 'group' ? groupWords(errorClass).nextStep : errorClassHelp(errorClass).action;
  if (errorClass !== 'missing_dependency' || !dependency) return general;
  const step = `${dependency.step} (${dependency.target})`;
  const these = scope === 'group' ? 'the group' : 'this one';
  const again = OPEN_FAILURE.has(status) ? `replay ${these}` : `Waybill retries ${these} by itself`;
  const depStatus = dependency.status;
  if (depStatus === null)
    return `${step} has not happened for this order yet: check that its source event arrived (or backfill it); then ${again}.`;
  if (depStatus === 'completed')
    return `${step} completed, yet ${dependency.target} ${said ? `still answered “${said}”` : 'still reported it missing'}: check that the reference this step sends matches the one ${step} created (or that ${dependency.target} has caught up), then ${again}.`;
  if (PENDING.has(depStatus))
    return `${step} is still ${words(depStatus)}: ${OPEN_FAILURE.has(status) ? `replay ${these} once it completes` : `Waybill waits for it and retries ${these} by itself`}.`;
  return `Fix ${step} first — it is ${words(depStatus)}${dependency.errorClass ? ` (${errorClassHelp(dependency.errorClass).label})` : ''} — then ${again}.`;
}

const words = (status: TransactionStatus) => status.replace(/_/g, ' ');

/** "no sales order SO-1" out of "ERP failed (missing_dependency): no sales order SO-1". */
export function providerMessage(summary: string): string {
  const match = /^.{1,80}? failed \([a-z_]+\): ([\s\S]+)$/.exec(summary);
  return (match?.[1] ?? summary).trim();
}
