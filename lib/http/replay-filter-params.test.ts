import { describe, expect, it } from 'vitest';
import { formInput } from '@/lib/base/form-input';
import {
  parseReplayFilter,
  replayFilterFields,
  safeParseReplayFilter,
} from './replay-filter-params';

const flowId = '01963f5e-7c1a-7000-8000-000000000001';

describe('replay filter params', () => {
  it('reads a URL: blanks are "any", one status or several, ISO instants', () => {
    const filter = parseReplayFilter({
      flowId,
      errorClass: '',
      statuses: ['failed', 'needs_review'],
      from: '2025-03-03T09:15:00.000Z',
      to: '',
    });
    expect(filter).toEqual({
      flowId,
      statuses: ['failed', 'needs_review'],
      from: new Date('2025-03-03T09:15:00.000Z'),
    });
    expect(parseReplayFilter({ statuses: 'failed', errorClass: 'auth' })).toEqual({
      statuses: ['failed'],
      errorClass: 'auth',
    });
  });

  it('refuses garbage with a sentence, not a stack trace', () => {
    expect(safeParseReplayFilter({ statuses: [] })).toEqual({
      ok: false,
      error: 'choose at least one status',
    });
    expect(safeParseReplayFilter({ statuses: 'completed' }).ok).toBe(false);
    expect(safeParseReplayFilter({ statuses: 'failed', errorClass: 'nonsense' }).ok).toBe(false);
    expect(safeParseReplayFilter({ statuses: 'failed', flowId: "1' OR 1=1" }).ok).toBe(false);
    expect(
      safeParseReplayFilter({
        statuses: 'failed',
        from: '2025-03-03T10:00:00.000Z',
        to: '2025-03-03T09:00:00.000Z',
      }),
    ).toEqual({ ok: false, error: 'from must be before to' });
  });

  it('round-trips through hidden form fields', () => {
    const filter = parseReplayFilter({
      flowId,
      errorClass: 'auth',
      statuses: ['needs_review'],
      to: '2025-03-03T10:00:00.000Z',
    });
    const form = new FormData();
    for (const [name, value] of replayFilterFields(filter)) form.append(name, value);
    form.append('reason', 'CRM key rotated');
    expect(parseReplayFilter(formInput(form))).toEqual(filter);
  });
});
