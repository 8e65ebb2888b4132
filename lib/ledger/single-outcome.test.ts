import { describe, expect, it } from 'vitest';
import { describeOutcome, singleOutcome } from './single-outcome';

const bulk = {
  applied: ['a'],
  skipped: [{ id: 's', status: 'completed' as const }],
  notFound: ['n'],
  connectionIds: [],
};

describe('singleOutcome', () => {
  it('reads one id out of a bulk answer', () => {
    expect(singleOutcome(bulk, 'a')).toEqual({ kind: 'applied' });
    expect(singleOutcome(bulk, 's')).toEqual({ kind: 'skipped', status: 'completed' });
    expect(singleOutcome(bulk, 'n')).toEqual({ kind: 'not_found' });
    expect(singleOutcome(bulk, 'never-asked')).toEqual({ kind: 'not_found' });
  });
});

describe('describeOutcome', () => {
  it('says why a resolve did not happen, in plain words', () => {
    expect(describeOutcome('resolve', { kind: 'skipped', status: 'completed' })).toEqual({
      status: 409,
      message:
        'Not resolved: the transaction is completed now. Only failed or needs review transactions can be resolved.',
    });
  });

  it('says why a cancel did not happen', () => {
    expect(describeOutcome('cancel', { kind: 'skipped', status: 'cancelled' }).message).toBe(
      'Not cancelled: the transaction is cancelled now. Completed and cancelled transactions are final.',
    );
  });

  it('answers 200 when applied and 404 for an unknown transaction', () => {
    expect(describeOutcome('cancel', { kind: 'applied' }).status).toBe(200);
    expect(describeOutcome('resolve', { kind: 'not_found' })).toEqual({
      status: 404,
      message: 'This transaction does not exist.',
    });
  });
});
