#!/usr/bin/env node
// `waybill`: the operator CLI — migrations, tenants, users, tokens, secrets, configuration as
// code and payload retention, for running Waybill without the demo. Built into dist/waybill.mjs
// (`npm run build`) and installed as the package's `bin`; in a checkout, `npm run waybill -- <command>`.
import { Command } from 'commander';
import { migrateCommand } from './commands/migrate';
import { tenantCommand } from './commands/tenant';
import { userCommand } from './commands/user';
import { tokenCommand } from './commands/token';
import { secretCommand } from './commands/secret';
import { configCommand } from './commands/config';
import { retentionCommand } from './commands/retention';
import { customerCommand } from './commands/customer';
import { searchTermsCommand } from './commands/search-terms';

const program = new Command('waybill')
  .description('Operate a Waybill installation (reads DATABASE_URL and the other settings of .env)')
  .showHelpAfterError()
  .addCommand(migrateCommand())
  .addCommand(tenantCommand())
  .addCommand(userCommand())
  .addCommand(tokenCommand())
  .addCommand(secretCommand())
  .addCommand(configCommand())
  .addCommand(retentionCommand())
  .addCommand(customerCommand())
  .addCommand(searchTermsCommand());

await program.parseAsync(process.argv);
