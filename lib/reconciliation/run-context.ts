// What a chunk needs to know about its run: the flow, both connections (with opened credentials)
// and the active mapping's rules. Read fresh per chunk, so a paused or edited flow is seen.
import type { KeyRing } from '@/lib/crypto/key-ring';
import type { Db } from '@/lib/db';
import { readCredentials } from '@/lib/providers/credentials';
import type { ProviderContext } from '@/lib/providers/port';
import type { CompareRules } from './compare';

export interface SideContext {
  key: string;
  provider: string;
  settings: unknown;
  ctx: ProviderContext | null;
}

export interface RunContext {
  run: {
    id: string;
    flowId: string;
    windowFrom: Date;
    windowTo: Date;
    cursor: string | null;
    totals: unknown;
  };
  flow: { eventType: string; operation: string };
  source: SideContext;
  target: SideContext;
  rules: CompareRules;
}

function asStringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

const connectionSelect = {
  key: true,
  provider: true,
  settings: true,
  baseUrl: true,
  credentialsEncrypted: true,
} as const;

/** Null when the run is not this tenant's or is no longer running. */
export async function loadRunContext(
  db: Db,
  tenantId: string,
  runId: string,
  deps: { keyRing: KeyRing; providerTimeoutMs: number },
): Promise<RunContext | null> {
  const run = await db.reconciliationRun.findFirst({
    where: { id: runId, tenantId, status: 'running' },
    select: {
      id: true,
      flowId: true,
      windowFrom: true,
      windowTo: true,
      cursor: true,
      totals: true,
    },
  });
  if (!run) return null;
  const flow = await db.flow.findFirst({
    where: { id: run.flowId, tenantId },
    select: {
      eventType: true,
      operation: true,
      sourceConnection: { select: connectionSelect },
      targetConnection: { select: connectionSelect },
      activeMappingVersion: { select: { statusTable: true, fieldOwnership: true } },
    },
  });
  if (!flow) return null;
  const side = (c: typeof flow.sourceConnection): SideContext => {
    const credentials = readCredentials(c.provider, c.credentialsEncrypted, deps.keyRing);
    return {
      key: c.key,
      provider: c.provider,
      settings: c.settings,
      ctx: credentials
        ? { baseUrl: c.baseUrl, credentials, timeoutMs: deps.providerTimeoutMs }
        : null,
    };
  };
  return {
    run,
    flow: { eventType: flow.eventType, operation: flow.operation },
    source: side(flow.sourceConnection),
    target: side(flow.targetConnection),
    rules: {
      statusTable: asStringRecord(flow.activeMappingVersion?.statusTable),
      fieldOwnership: asStringRecord(flow.activeMappingVersion?.fieldOwnership),
    },
  };
}
