// The tenant's policies as the document sets them: one update of the tenant row, and for each
// policy that changed the audit entry the console writes for it (the same action, before and
// after), so the audit screen's filters find a change made from git beside one made on a page.
import { audit, type ApplyContext } from './apply-context';
import type { PoliciesDoc } from './document';
import { same } from './plan-diff';
import { AUDITED_POLICIES, columnsOf, type PolicyColumns } from './policy-columns';

export async function applyPolicies(
  ctx: ApplyContext,
  before: PoliciesDoc,
  after: PoliciesDoc,
): Promise<void> {
  const [b, a] = [columnsOf(before), columnsOf(after)];
  await ctx.tx.tenant.update({ where: { id: ctx.tenantId }, data: a });
  const pick = (row: PolicyColumns, columns: (keyof PolicyColumns)[]) =>
    Object.fromEntries(columns.map((c) => [c, row[c]]));
  for (const { action, columns } of AUDITED_POLICIES)
    if (columns.some((c) => !same(b[c], a[c])))
      await audit(ctx, {
        action,
        objectType: 'tenant',
        objectId: ctx.tenantId,
        before: pick(b, columns),
        after: pick(a, columns),
      });
}
