// Pacing of outbound provider requests: the engine runs an operation inside `withPacing`, and every
// request the operation makes through callProvider (http.ts) first awaits the pace — the
// connection's rate limit, acquired per request right before it is sent. Per request, not per
// operation: an operation may make several (a lookup before a possible repeat, a token renewal
// after a 401), and a provider counts each one against its limit.
//
// Carried by AsyncLocalStorage rather than a parameter of every adapter: an adapter cannot forget
// to pass it, and operations run outside the engine (a console test run, a record read) carry none
// and are not paced. The engine enters it only when the connection has a rate limit, so a
// connection without one pays nothing for it.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Resolves when the request may go; throws RequestNotSent when it must not go at all. */
export type Pace = () => Promise<void>;

/** The request was not sent: its slot did not come before the caller had to stop waiting. */
export class RequestNotSent extends Error {
  constructor(message = 'not sent: no rate-limit slot before the drain had to stop') {
    super(message);
    this.name = 'RequestNotSent';
  }
}

const pacing = new AsyncLocalStorage<Pace>();

/** Runs `work` so that every provider request it makes awaits `pace` first. */
export function withPacing<T>(pace: Pace, work: () => Promise<T>): Promise<T> {
  return pacing.run(pace, work);
}

/** The pace of the request about to be sent (callProvider awaits it), if its caller set one. */
export function currentPace(): Pace | undefined {
  return pacing.getStore();
}
