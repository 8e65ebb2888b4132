import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, notFound } from '@/lib/errors';
import type { Logger } from '@/lib/observability/logger';
import { actionFailure } from './action-result';

const log = () => ({ error: vi.fn() }) as unknown as Logger & { error: ReturnType<typeof vi.fn> };

describe('actionFailure', () => {
  it('keeps the per-field messages an AppError names in its details', () => {
    const error = new AppError('VALIDATION_FAILED', 'settings: this is not valid JSON', {
      fieldErrors: { settings: ['this is not valid JSON — check quotes and commas'] },
    });
    expect(actionFailure(error, log(), 'change connections')).toEqual({
      ok: false,
      status: 422,
      error: 'settings: this is not valid JSON',
      fieldErrors: { settings: ['this is not valid JSON — check quotes and commas'] },
    });
  });

  it('answers an AppError without field details with its status and message only', () => {
    expect(actionFailure(notFound('connection'), log(), 'change connections')).toEqual({
      ok: false,
      status: 404,
      error: 'connection not found',
    });
    const odd = new AppError('CONFLICT', 'already there', { fieldErrors: 'not a record' });
    expect(actionFailure(odd, log(), 'x')).toEqual({
      ok: false,
      status: 409,
      error: 'already there',
    });
  });

  it('words 401 and 403 for people, without details', () => {
    const forbidden = new AppError('FORBIDDEN', 'no', { fieldErrors: { a: ['b'] } });
    expect(actionFailure(forbidden, log(), 'change connections')).toEqual({
      ok: false,
      status: 403,
      error: 'Not allowed (403): your role may not change connections.',
    });
    expect(actionFailure(new AppError('UNAUTHENTICATED', 'no'), log(), 'x').status).toBe(401);
  });

  it('answers invalid input with its first message and the fields', () => {
    const parsed = z.object({ id: z.uuid('unknown rule') }).safeParse({ id: 'x' });
    expect(actionFailure(parsed.error, log(), 'x')).toEqual({
      ok: false,
      status: 422,
      error: 'Check the form: unknown rule.',
      fieldErrors: { id: ['unknown rule'] },
    });
  });

  it('hides anything else behind a logged reference', () => {
    const logger = log();
    const failure = actionFailure(new Error('db password is hunter2'), logger, 'x');
    expect(failure.status).toBe(500);
    expect(failure.error).not.toContain('hunter2');
    expect(logger.error).toHaveBeenCalledOnce();
  });
});
