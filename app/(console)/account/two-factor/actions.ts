'use server';

// The signed-in person's own second factor (lib/identity/second-factor.ts). Open while the tenant's
// requirement is due: these are the actions that meet it. The person's id comes from the session.
import { z } from 'zod';
import { failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import {
  confirmTotpSetup,
  disableTotp,
  renewRecoveryCodes,
  startTotpSetup,
} from '@/lib/identity/second-factor';

const PAGE = '/account/two-factor';
const code = z.object({ code: z.string().trim().min(1, 'type the code').max(40) });

/** Success with the recovery codes to show once. */
export type CodesResult = ActionResult & { recoveryCodes?: string[] };

// Each action: permission 'transactions.read', which every role holds ("any signed-in person",
// for themselves only), open while the set-up is due.
// Not after turning it on or making new codes: the page would render again and lose the codes
// the form shows once; its "Done" link loads the new state.
const refresh = () => [PAGE, '/account'];

export const startSetupAction = defineFormAction({
  permission: 'transactions.read',
  whileSecondFactorDue: true,
  doing: 'set up two-factor authentication',
  input: z.object({}),
  revalidate: refresh(),
  async run({ ctx, actor }): Promise<ActionResult> {
    if (actor.kind !== 'user') return failed(403, 'Only a person has a second factor.');
    await startTotpSetup(ctx.db, { userId: actor.userId, keyRing: ctx.keyRing });
    return succeeded('Scan the QR code with your authenticator app.');
  },
});

export const confirmSetupAction = defineFormAction({
  permission: 'transactions.read',
  whileSecondFactorDue: true,
  doing: 'turn on two-factor authentication',
  input: code,
  async run({ ctx, actor, audit, input }): Promise<CodesResult> {
    if (actor.kind !== 'user') return failed(403, 'Only a person has a second factor.');
    const { recoveryCodes } = await confirmTotpSetup(ctx.db, {
      userId: actor.userId,
      label: actor.name,
      requestId: audit.requestId,
      code: input.code,
      keyRing: ctx.keyRing,
    });
    return { ...succeeded('Two-factor authentication is on.'), recoveryCodes };
  },
});

export const renewCodesAction = defineFormAction({
  permission: 'transactions.read',
  whileSecondFactorDue: true,
  doing: 'make new recovery codes',
  input: code,
  async run({ ctx, actor, audit, input }): Promise<CodesResult> {
    if (actor.kind !== 'user') return failed(403, 'Only a person has a second factor.');
    const { recoveryCodes } = await renewRecoveryCodes(ctx.db, {
      userId: actor.userId,
      label: actor.name,
      requestId: audit.requestId,
      code: input.code,
      keyRing: ctx.keyRing,
    });
    return {
      ...succeeded('New recovery codes are ready; the old ones no longer work.'),
      recoveryCodes,
    };
  },
});

export const disableAction = defineFormAction({
  permission: 'transactions.read',
  whileSecondFactorDue: true,
  doing: 'turn off two-factor authentication',
  input: code,
  revalidate: refresh(),
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    if (actor.kind !== 'user') return failed(403, 'Only a person has a second factor.');
    await disableTotp(ctx.db, {
      userId: actor.userId,
      label: actor.name,
      requestId: audit.requestId,
      code: input.code,
      keyRing: ctx.keyRing,
    });
    return succeeded('Two-factor authentication is off: signing in asks for your password only.');
  },
});
