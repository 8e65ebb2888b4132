// The one wrapper for server actions, beside defineRoute for the API: it authorises (anyone can POST
// to an action, hiding the form is not enough), parses the input with the action's zod schema,
// builds the actor, the operator and the request's audit context once, runs the use case, declares
// what to revalidate on success, and maps every failure to an answer the form shows (never a throw:
// nothing internal reaches the browser). A "use server" module exports what these return.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { operatorOf, type Actor } from '@/lib/base/actor';
import type { Permission } from '@/lib/base/permissions';
import { requestIdOf } from '@/lib/base/request-id';
import { requireActor } from '@/lib/auth/session';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';
import { serverContext, type ServerContext } from '@/lib/server/context';
import { actionFailure, type ActionFailure } from './action-result';
import { formInput } from '@/lib/base/form-input';

/** A path to revalidate after success; `type` as revalidatePath takes it for dynamic segments. */
export type Revalidation = string | { path: string; type: 'page' | 'layout' };

interface Common<I> {
  ctx: ServerContext;
  input: I;
  /** { requestId } of this request, for the audit entry the use case writes */
  audit: AuditContext;
}

export interface ActionArgs<I> extends Common<I> {
  actor: Actor;
  /** who did it, as timelines and audit entries record it */
  operator: Operator;
}

type Failure = ActionFailure;

interface Spec<S extends z.ZodType, R, A> {
  /** completes "your role may not …" in the refusal people read */
  doing: string;
  input: S;
  run: (args: A) => Promise<R | Failure>;
  /** revalidated once the use case has answered, refusals included (a 409 means the object
   *  moved meanwhile: the page should show where it is now); not after a thrown failure */
  revalidate?: Revalidation[] | ((input: z.output<S>, result: R | Failure) => Revalidation[]);
}

export interface ActionSpec<S extends z.ZodType, R> extends Spec<S, R, ActionArgs<z.output<S>>> {
  permission: Permission;
  /** open to an admin who must still set up a second factor: only the set-up's own actions */
  whileSecondFactorDue?: boolean;
}

type Action<R> = (raw: unknown) => Promise<R | Failure>;
type FormAction<R> = (previous: R | Failure | null, form: FormData) => Promise<R | Failure>;

/** An action called with a value (an object, an id): `await resolveTransaction({ ... })`. */
export function defineAction<S extends z.ZodType, R>(spec: ActionSpec<S, R>): Action<R> {
  return (raw) => perform(spec, () => raw, authorised(spec));
}

/** An action bound to a form through useActionState: `(previous, form)`, fields read once. */
export function defineFormAction<S extends z.ZodType, R>(spec: ActionSpec<S, R>): FormAction<R> {
  return (_previous, form) => perform(spec, () => formInput(form), authorised(spec));
}

/** An action open to anyone (accepting an invitation): parsed and mapped the same way. */
export function definePublicFormAction<S extends z.ZodType, R>(
  spec: Spec<S, R, Common<z.output<S>>>,
): FormAction<R> {
  return (_previous, form) =>
    perform(
      spec,
      () => formInput(form),
      () => Promise.resolve({}),
    );
}

function authorised(
  spec: Pick<ActionSpec<z.ZodType, unknown>, 'permission' | 'whileSecondFactorDue'>,
) {
  return async () => {
    const actor = await requireActor(spec.permission, {
      whileSecondFactorDue: spec.whileSecondFactorDue ?? false,
    });
    return { actor, operator: operatorOf(actor) };
  };
}

async function perform<S extends z.ZodType, R, A extends Common<z.output<S>>>(
  spec: Spec<S, R, A>,
  /** reads the input only after authorisation: a caller may send anything, or nothing */
  raw: () => unknown,
  who: () => Promise<Omit<A, keyof Common<z.output<S>>>>,
): Promise<R | Failure> {
  const ctx = serverContext();
  try {
    // Authorisation first: a refused caller learns nothing from validation messages.
    const identity = await who();
    const input = spec.input.parse(raw());
    const audit = { requestId: requestIdOf(await headers()) };
    const result = await spec.run({ ...identity, ctx, input, audit } as A);
    const paths =
      typeof spec.revalidate === 'function' ? spec.revalidate(input, result) : spec.revalidate;
    for (const p of paths ?? []) {
      if (typeof p === 'string') revalidatePath(p);
      else revalidatePath(p.path, p.type);
    }
    return result;
  } catch (error) {
    return actionFailure(error, ctx.log, spec.doing);
  }
}
