// What the permission-matrix walk (e2e/specs/roles/permission-matrix.spec.ts) expects of every
// console page and server action: the permission it demands. test/security/actions-permission-
// table.test.ts reads app/**/page.tsx and app/**/actions.ts and fails when this table and the
// code disagree (a new page or action missing here, a permission changed on one side only), so
// the walk can never silently skip something. The API needs no table: each operation of
// /api/v1/openapi.json names its permission in `x-required-scope`.
import type { Permission } from '@/lib/base/permissions';

/** Page file under app/ -> the permission its requirePage() demands. */
export const PAGE_PERMISSIONS: Record<string, Permission> = {
  '(console)/(overview)/page.tsx': 'transactions.read',
  '(console)/transactions/(list)/page.tsx': 'transactions.read',
  '(console)/transactions/[id]/page.tsx': 'transactions.read',
  '(console)/orders/[businessKey]/page.tsx': 'transactions.read',
  '(console)/search/page.tsx': 'transactions.read',
  '(console)/errors/page.tsx': 'transactions.read',
  '(console)/errors/issues/[id]/page.tsx': 'transactions.read',
  '(console)/replays/page.tsx': 'transactions.replay',
  '(console)/inbound/page.tsx': 'inbound.read',
  '(console)/connections/page.tsx': 'transactions.read',
  '(console)/flows/page.tsx': 'mappings.read',
  '(console)/flows/[id]/page.tsx': 'mappings.read',
  '(console)/flows/new/page.tsx': 'mappings.manage',
  '(console)/flows/[id]/settings/page.tsx': 'mappings.manage',
  '(console)/settings/page.tsx': 'settings.manage',
  '(console)/settings/tokens/page.tsx': 'tokens.manage',
  '(console)/settings/users/page.tsx': 'members.manage',
  '(console)/settings/alerts/page.tsx': 'settings.manage',
  '(console)/settings/privacy/page.tsx': 'personal_data.erase',
  '(console)/settings/sso/page.tsx': 'settings.manage',
  '(console)/audit/page.tsx': 'audit.read',
  '(console)/reconciliation/page.tsx': 'reconciliation.run',
  '(console)/reconciliation/daily/page.tsx': 'reconciliation.run',
  '(console)/reconciliation/runs/[id]/page.tsx': 'reconciliation.run',
  '(console)/connections/[id]/page.tsx': 'connections.manage',
  '(console)/connections/new/page.tsx': 'connections.manage',
  // a person's own sessions: every role holds transactions.read
  '(console)/account/page.tsx': 'transactions.read',
  '(console)/checks/[ruleId]/page.tsx': 'transactions.read',
  '(console)/recoveries/[id]/page.tsx': 'transactions.read',
  '(console)/account/two-factor/page.tsx': 'transactions.read',
  // the API reference: any signed-in person (the OpenAPI document it shows is public)
  '(console)/api-reference/page.tsx': 'transactions.read',
};

/** Pages without a permission of their own (sign-in, redirects): not walked. */
export const PUBLIC_PAGES = [
  '(auth)/login/page.tsx',
  // the invitation's secret in the URL is the authority, for a person who has no account yet
  '(auth)/invite/[token]/page.tsx',
  // the same for a reset link an operator issued (`waybill user reset-password`)
  '(auth)/reset-password/[token]/page.tsx',
  '(console)/orders/page.tsx',
];

/** Actions anyone may call: a secret in their input (an invitation, a reset) authorises them. */
export const PUBLIC_ACTIONS = [
  '(auth)/invite/[token]/actions.ts#acceptInvitationAction',
  '(auth)/reset-password/[token]/actions.ts#resetPasswordAction',
];

/** "<actions file under app/>#<exported function>" -> the permission requireActor() demands. */
export const ACTION_PERMISSIONS: Record<string, Permission> = {
  '(console)/transactions/[id]/actions.ts#replayTransaction': 'transactions.replay',
  '(console)/transactions/[id]/actions.ts#resolveTransaction': 'transactions.resolve',
  '(console)/transactions/[id]/actions.ts#cancelTransaction': 'transactions.cancel',
  '(console)/transactions/[id]/actions.ts#addTransactionNote': 'transactions.note',
  '(console)/transactions/(list)/actions.ts#replaySelected': 'transactions.replay',
  '(console)/transactions/(list)/actions.ts#resolveSelected': 'transactions.resolve',
  '(console)/transactions/(list)/actions.ts#cancelSelected': 'transactions.cancel',
  '(console)/orders/[businessKey]/actions.ts#replayJourneyStep': 'transactions.replay',
  '(console)/connections/actions.ts#toggleConnectionPause': 'connections.pause',
  '(console)/connections/actions.ts#toggleFlowPause': 'flows.pause',
  '(console)/errors/actions.ts#previewGroupReplay': 'transactions.replay',
  '(console)/errors/actions.ts#startGroupReplay': 'transactions.replay',
  '(console)/errors/actions.ts#readReplayProgress': 'transactions.replay',
  '(console)/errors/actions.ts#previewGroupDecision': 'transactions.resolve',
  '(console)/errors/actions.ts#decideGroup': 'transactions.resolve',
  '(console)/errors/issues/actions.ts#changeIssueStateAction': 'transactions.resolve',
  '(console)/errors/issues/actions.ts#assignIssueAction': 'transactions.resolve',
  '(console)/errors/issues/actions.ts#snoozeIssueAction': 'transactions.resolve',
  '(console)/errors/issues/actions.ts#tagIssueAction': 'transactions.resolve',
  '(console)/errors/issues/actions.ts#commentIssueAction': 'transactions.note',
  '(console)/recoveries/actions.ts#startRecoveryAction': 'connections.pause',
  '(console)/recoveries/actions.ts#confirmFixAction': 'connections.pause',
  '(console)/recoveries/actions.ts#previewDrainAction': 'connections.pause',
  '(console)/recoveries/actions.ts#startDrainAction': 'transactions.replay',
  '(console)/recoveries/actions.ts#reconcileWindowAction': 'reconciliation.run',
  '(console)/recoveries/actions.ts#finishRecoveryAction': 'connections.pause',
  '(console)/replays/actions.ts#startReplay': 'transactions.replay',
  '(console)/replays/actions.ts#cancelReplay': 'transactions.replay',
  '(console)/replays/actions.ts#startPreflight': 'transactions.replay',
  '(console)/replays/actions.ts#cancelPreflight': 'transactions.replay',
  '(console)/flows/[id]/actions.ts#createVersion': 'mappings.manage',
  '(console)/flows/[id]/actions.ts#activateVersion': 'mappings.manage',
  '(console)/flows/[id]/actions.ts#rollBack': 'mappings.manage',
  '(console)/flows/[id]/actions.ts#testRun': 'mappings.read',
  '(console)/flows/[id]/actions.ts#findTestPayloads': 'mappings.read',
  '(console)/flows/new/actions.ts#createFlowAction': 'mappings.manage',
  '(console)/flows/[id]/settings/actions.ts#saveFlowAction': 'mappings.manage',
  '(console)/flows/[id]/settings/actions.ts#retireFlowAction': 'mappings.manage',
  '(console)/flows/[id]/settings/actions.ts#deleteFlowAction': 'mappings.manage',
  '(console)/settings/tokens/actions.ts#issueToken': 'tokens.manage',
  '(console)/settings/tokens/actions.ts#revokeToken': 'tokens.manage',
  '(console)/settings/tokens/actions.ts#setTokenLifetime': 'tokens.manage',
  '(console)/settings/sso/actions.ts#saveSsoPolicy': 'settings.manage',
  '(console)/settings/actions.ts#setRetention': 'settings.manage',
  '(console)/transactions/[id]/actions.ts#revealPayloads': 'personal_data.reveal',
  '(console)/settings/privacy/actions.ts#eraseCustomerAction': 'personal_data.erase',
  '(console)/audit/actions.ts#verifyChain': 'audit.read',
  '(console)/reconciliation/actions.ts#startRun': 'reconciliation.run',
  '(console)/reconciliation/actions.ts#cancelRun': 'reconciliation.run',
  '(console)/reconciliation/actions.ts#saveSchedule': 'reconciliation.run',
  '(console)/reconciliation/actions.ts#previewDrift': 'drift.resolve',
  '(console)/reconciliation/actions.ts#decideDriftItems': 'drift.resolve',
  '(console)/connections/[id]/actions.ts#saveConnection': 'connections.manage',
  '(console)/connections/[id]/actions.ts#replaceConnectionCredentials': 'connections.manage',
  '(console)/connections/[id]/actions.ts#rotateConnectionWebhookSecret': 'connections.manage',
  '(console)/connections/[id]/actions.ts#endConnectionWebhookOverlap': 'connections.manage',
  '(console)/connections/[id]/actions.ts#testConnectionAction': 'connections.manage',
  '(console)/connections/new/actions.ts#createConnectionAction': 'connections.manage',
  '(console)/settings/users/actions.ts#inviteMemberAction': 'members.manage',
  '(console)/settings/users/actions.ts#changeRoleAction': 'members.manage',
  '(console)/settings/users/actions.ts#removeMemberAction': 'members.manage',
  '(console)/settings/users/actions.ts#revokeInvitationAction': 'members.manage',
  '(console)/settings/users/actions.ts#issueResetLinkAction': 'members.manage',
  '(console)/settings/users/actions.ts#endMemberSessionsAction': 'members.manage',
  '(console)/settings/users/actions.ts#endMemberSessionAction': 'members.manage',
  '(console)/settings/users/actions.ts#resetSecondFactorAction': 'members.manage',
  '(console)/settings/users/actions.ts#secondFactorPolicyAction': 'members.manage',
  '(console)/settings/alerts/actions.ts#createSlaRuleAction': 'settings.manage',
  '(console)/settings/alerts/actions.ts#updateSlaRuleAction': 'settings.manage',
  '(console)/settings/alerts/actions.ts#setSlaRuleEnabled': 'settings.manage',
  '(console)/settings/alerts/actions.ts#deleteSlaRuleAction': 'settings.manage',
  '(console)/settings/alerts/actions.ts#createAlertRuleAction': 'settings.manage',
  '(console)/settings/alerts/actions.ts#setAlertRuleEnabled': 'settings.manage',
  '(console)/settings/alerts/actions.ts#deleteAlertRuleAction': 'settings.manage',
  '(console)/settings/alerts/actions.ts#rotateAlertRuleSecretAction': 'settings.manage',
  '(console)/account/actions.ts#signOutEverywhereAction': 'transactions.read',
  '(console)/account/actions.ts#endSessionAction': 'transactions.read',
  '(console)/account/actions.ts#setTimeZoneAction': 'transactions.read',
  '(console)/account/actions.ts#changePasswordAction': 'transactions.read',
  '(console)/account/two-factor/actions.ts#startSetupAction': 'transactions.read',
  '(console)/account/two-factor/actions.ts#confirmSetupAction': 'transactions.read',
  '(console)/account/two-factor/actions.ts#renewCodesAction': 'transactions.read',
  '(console)/account/two-factor/actions.ts#disableAction': 'transactions.read',
};

/** An id that exists in no tenant: dynamic segments are filled with it. */
export const NOBODY = '00000000-0000-7000-8000-000000000000';

/**
 * The URL of an app/ page file: route groups dropped, dynamic segments filled with NOBODY.
 * '(console)/transactions/[id]/page.tsx' -> '/transactions/00000000-...'
 */
export function pageUrl(file: string): string {
  const segments = file
    .replace(/^app\//, '')
    .replace(/\/?page\.tsx$/, '')
    .replace(/\/?page$/, '')
    .split('/')
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? NOBODY : s));
  return `/${segments.join('/')}`;
}
