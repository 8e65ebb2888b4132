import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActorOf, auditEventSchema, SYSTEM_ACTOR } from './events';

/** A plausible event for `action`: its own object type, every optional field given. */
function sample(action: string) {
  const option = auditEventSchema.options.find((o) => o.shape.action.value === action);
  if (!option) throw new Error(`no schema for ${action}`);
  return {
    action,
    objectType: option.shape.objectType.value,
    objectId: 'obj-1',
    reason: 'asked by the warehouse team',
    before: { name: 'before' },
    after: { name: 'after' },
  };
}

describe('audit events', () => {
  it('lists every action once', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(AUDIT_ACTIONS.length).toBe(auditEventSchema.options.length);
    expect(AUDIT_ACTIONS).toContain('audit.exported');
  });

  it.each(AUDIT_ACTIONS)('%s parses with a sample', (action) => {
    const parsed = auditEventSchema.parse(sample(action));
    expect(parsed.action).toBe(action);
    expect(parsed.objectId).toBe('obj-1');
  });

  it('refuses an unknown action', () => {
    expect(
      auditEventSchema.safeParse({ ...sample('token.issued'), action: 'token.stolen' }).success,
    ).toBe(false);
  });

  it('refuses an object type that does not belong to the action', () => {
    expect(
      auditEventSchema.safeParse({ ...sample('token.issued'), objectType: 'flow' }).success,
    ).toBe(false);
  });

  it('requires a reason where the action takes one', () => {
    const { reason: _reason, ...withoutReason } = sample('transaction.replayed');
    expect(auditEventSchema.safeParse(withoutReason).success).toBe(false);
    expect(auditEventSchema.safeParse({ ...withoutReason, reason: '   ' }).success).toBe(false);
  });

  it('refuses an empty object id', () => {
    expect(auditEventSchema.safeParse({ ...sample('flow.paused'), objectId: '' }).success).toBe(
      false,
    );
  });
});

describe('auditActorOf', () => {
  it('tells people, tokens and the system apart', () => {
    const user = '0193a5c0-0000-7000-8000-000000000009';
    expect(auditActorOf({ id: user, label: 'Ada' })).toEqual({
      userId: user,
      tokenId: null,
      label: 'Ada',
    });
    expect(auditActorOf({ id: `api:${user}`, label: 'CI token' })).toEqual({
      userId: null,
      tokenId: user,
      label: 'CI token',
    });
    expect(auditActorOf({ id: 'system', label: 'system' })).toBe(SYSTEM_ACTOR);
  });
});
