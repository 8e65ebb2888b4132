import { describe, expect, it } from 'vitest';
import { heldByPause, shownStatus, type PauseState } from './held-by-pause';

const at = new Date('2026-12-05T14:00:00.000Z');
const active = (name: string): PauseState => ({
  name,
  status: 'active',
  pausedAt: null,
  pausedBy: null,
  pauseReason: null,
});
const paused = (name: string, reason: string | null = 'maintenance'): PauseState => ({
  name,
  status: 'paused',
  pausedAt: at,
  pausedBy: 'Sam Support',
  pauseReason: reason,
});

describe('heldByPause', () => {
  it('names the paused target connection, who, when and why', () => {
    const held = heldByPause('received', {
      target: paused('Warehouse'),
      flow: active('Paid orders → warehouse fulfilment'),
    });
    expect(held).toEqual({
      kind: 'connection',
      name: 'Warehouse',
      pausedAt: at.toISOString(),
      pausedBy: 'Sam Support',
      reason: 'maintenance',
    });
    expect(shownStatus('received', held)).toBe('paused');
  });

  it('names a paused flow when its connection runs, and the connection first when both are paused', () => {
    const flow = paused('Paid orders → CRM customer', 'CRM sync off');
    expect(heldByPause('waiting_retry', { target: active('CRM'), flow })?.kind).toBe('flow');
    expect(heldByPause('received', { target: paused('CRM'), flow })?.name).toBe('CRM');
  });

  it('holds only work the drain would claim: nothing failed, in review, processing or done', () => {
    for (const status of [
      'processing',
      'needs_review',
      'failed',
      'completed',
      'cancelled',
    ] as const)
      expect(heldByPause(status, { target: paused('Warehouse'), flow: active('f') })).toBeNull();
    expect(heldByPause('received', { target: active('Warehouse'), flow: active('f') })).toBeNull();
    expect(shownStatus('received', null)).toBe('received');
  });
});
