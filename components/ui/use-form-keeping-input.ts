'use client';

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from 'react';

/**
 * useActionState for a form whose refusal must not cost the person what they typed. React resets
 * a form after its `action` ran, whatever the server answered; submitting through onSubmit keeps
 * the fields, and only a success ({ ok: true }) clears them.
 */
export function useFormKeepingInput<S extends { ok: boolean }>(
  action: (previous: S | null, form: FormData) => Promise<S>,
) {
  const [state, dispatch, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  return { state, pending, formProps: { ref: formRef, onSubmit } } as const;
}
