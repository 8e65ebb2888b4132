// The worker is built from the job catalog: one handler per job name (a job without a handler does
// not compile), one processor per queue that checks a job against the catalog and hands its parsed
// data to the handler. Job data is ids only; the ledger holds the rest.
import { JOBS, type JobData, type JobName, type QueueName } from './catalog';

/** What a handler sees of its job besides the data (for logs). */
export interface JobInfo {
  id?: string | undefined;
  name: string;
  /** attempts made before this one (BullMQ's), and how many the job has: its last attempt can
   *  record a failure the ledger shows instead of a row that stays "running" */
  attemptsMade?: number;
  opts?: { attempts?: number | undefined };
}

/** True when a failure of this attempt is the job's last (BullMQ will not try again). */
export function isLastAttempt(job: JobInfo): boolean {
  return (job.attemptsMade ?? 0) + 1 >= (job.opts?.attempts ?? 1);
}

/** Runs one job; the answer is the job's return value (shown by BullMQ, read by tests). */
export type JobHandler<N extends JobName> = (data: JobData<N>, job: JobInfo) => Promise<string>;

export type JobHandlers = { [N in JobName]: JobHandler<N> };

const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name);

/** The processor of one queue's worker. A job the catalog does not place on this queue (left by
 *  an older version, or added by hand) fails instead of running the wrong code. */
export function queueProcessor(queue: QueueName, handlers: JobHandlers) {
  return (job: JobInfo & { data: unknown }): Promise<string> => {
    if (!isJobName(job.name) || JOBS[job.name].queue !== queue)
      return Promise.reject(
        new Error(`job "${job.name}" is not in the catalog for queue ${queue}`),
      );
    return runHandler(handlers, job.name, job);
  };
}

async function runHandler<N extends JobName>(
  handlers: JobHandlers,
  name: N,
  job: JobInfo & { data: unknown },
): Promise<string> {
  const data = JOBS[name].schema.parse(job.data) as JobData<N>;
  return (handlers[name] as JobHandler<N>)(data, job);
}
