// `waybill config export` / `waybill config apply`: a tenant's configuration as one document kept
// in git (lib/config-as-code). Export writes YAML or JSON; apply prints the plan, one line per
// change, before anything is written, then applies it in one database transaction — or refuses
// the whole document, with every reason, when anything conflicts.
import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { alertRuleDeps } from '@/lib/alerts/alert-rule-deps';
import { applyConfig } from '@/lib/config-as-code/apply-config';
import { parseDocument, toJson, toYaml } from '@/lib/config-as-code/document';
import { exportConfig } from '@/lib/config-as-code/export-config';
import type { ConfigChange, ConfigPlan } from '@/lib/config-as-code/plan-config';
import { readStdin, withCli } from '../context';

interface ExportOptions {
  tenant: string;
  format: 'yaml' | 'json';
  output?: string;
}

interface ApplyOptions {
  tenant: string;
  file: string;
  dryRun?: boolean;
  yes?: boolean;
}

/** + adds, ~ changes, - removes: the plan reads like a diff. */
function markOf(kind: ConfigChange['kind']): string {
  if (kind.endsWith('.create') || kind === 'mapping.add') return '+';
  if (kind.endsWith('.delete')) return '-';
  return '~';
}

function printPlan(plan: ConfigPlan, tenant: string, out: (line: string) => void): void {
  out(`plan for tenant ${tenant}: ${plan.changes.length} change(s)`);
  for (const change of plan.changes) out(`  ${markOf(change.kind)} ${change.summary}`);
  // the conflicts themselves are the error that follows (stderr, exit code 1)
  if (plan.conflicts.length > 0)
    out(`refused: ${plan.conflicts.length} conflict(s), nothing was changed`);
}

export function configCommand(): Command {
  const config = new Command('config').description(
    "a tenant's configuration as code: connections, flows, mappings, SLA and alert rules (no secrets)",
  );
  config
    .command('export')
    .description("write the tenant's configuration as a document")
    .requiredOption('--tenant <slug>', 'the tenant')
    .addOption(
      new Option('--format <format>', 'yaml or json').choices(['yaml', 'json']).default('yaml'),
    )
    .option('--output <file>', 'write to this file instead of stdout')
    .action((options: ExportOptions) =>
      withCli(async ({ db, out }) => {
        const document = await exportConfig(db, options.tenant);
        const text = options.format === 'json' ? toJson(document) : toYaml(document);
        if (!options.output) return void process.stdout.write(text);
        await writeFile(options.output, text, 'utf8');
        out(
          `exported tenant ${options.tenant} to ${options.output}: ${document.connections.length} connection(s), ` +
            `${document.flows.length} flow(s), ${document.slaRules.length} SLA rule(s), ${document.alertRules.length} alert rule(s)`,
        );
      }),
    );
  config
    .command('apply')
    .description(
      'make the tenant match a document: prints the plan, then applies it in one transaction',
    )
    .requiredOption('--tenant <slug>', 'the tenant (it must exist: waybill tenant create)')
    .requiredOption('--file <path>', 'the document, YAML or JSON ("-": stdin)')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--yes', 'accepted for scripts; apply never asks')
    .action((options: ApplyOptions) =>
      withCli(async ({ db, keyRing, operator, out, wake }) => {
        const text =
          options.file === '-' ? await readStdin() : await readFile(options.file, 'utf8');
        const plan = await applyConfig(db, options.tenant, parseDocument(text), {
          actor: operator,
          dryRun: options.dryRun,
          keyRing,
          allowHosts: alertRuleDeps({ keyRing }).allowHosts,
          onPlan: (p) => printPlan(p, options.tenant, out),
          // a resumed connection's held work is sent now, not at the next sweep
          wake,
        });
        if (plan.changes.length === 0)
          out(`nothing to change: tenant ${options.tenant} matches the document`);
        else if (options.dryRun) out('dry run: nothing was changed');
        else out(`applied ${plan.changes.length} change(s) to tenant ${options.tenant}`);
      }),
    );
  return config;
}
