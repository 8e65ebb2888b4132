// The provider simulators a stack calls (warehouse, ERP, CRM) in a child process of their own,
// started as `npm run simulators` starts them (SIMULATORS names which). For a suite that checks
// the simulators' arrival stamps under load: in the suite's own process, which also runs the
// storefront, the load balancer and the log readers on a saturated 2-core box, a request is
// stamped when that busy event loop gets to it, sometimes half a second late, so requests sent a
// second apart could read as arriving within one (test/scale-out.integration.test.ts). Here the
// stamping loop does nothing else.
import type { RunningSim } from '@/simulators/shared-http';
import { freePort, startProcess, waitFor } from './processes';
import { adminJson } from './sims';

export interface ProviderSimulatorSettings {
  warehouseApiToken: string;
  warehouseWorkflowStepMs: number;
  erpApiKey: string;
  crmApiKey: string;
}

export interface ProviderSimulators {
  warehouse: RunningSim;
  erp: RunningSim;
  crm: RunningSim;
}

export async function startProviderSimulatorsProcess(
  settings: ProviderSimulatorSettings,
): Promise<ProviderSimulators> {
  const [warehousePort, erpPort, crmPort] = [await freePort(), await freePort(), await freePort()];
  const proc = startProcess(
    'provider-simulators',
    process.execPath,
    ['--import', 'tsx', 'simulators/index.ts'],
    {
      SIMULATORS: 'warehouse,erp,crm',
      WAREHOUSE_SIM_PORT: String(warehousePort),
      WAREHOUSE_API_TOKEN: settings.warehouseApiToken,
      WAREHOUSE_WORKFLOW_STEP_MS: String(settings.warehouseWorkflowStepMs),
      ERP_SIM_PORT: String(erpPort),
      ERP_API_KEY: settings.erpApiKey,
      CRM_SIM_PORT: String(crmPort),
      CRM_API_KEY: settings.crmApiKey,
    },
  );
  // one process for the three: the first close stops it, the others find it stopped
  const sim = (port: number): RunningSim => ({
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => void (await proc.stop()),
  });
  const sims = { warehouse: sim(warehousePort), erp: sim(erpPort), crm: sim(crmPort) };
  await waitFor(
    'the provider simulators to listen',
    async () => {
      for (const { url } of Object.values(sims)) await adminJson(url, 'request-log?limit=1');
      return true;
    },
    60_000,
  ).catch(async (error: unknown) => {
    await proc.stop();
    throw new Error(`${String(error)}\n${proc.output()}`);
  });
  return sims;
}
