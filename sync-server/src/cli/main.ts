/**
 * `vitals`: the command line for admins and scripts. File commands work on a spreadsheet alone, with no
 * server or database, using the same shared/ code as the app.
 */
import { parseArgs } from 'node:util';
import { ASK_USAGE, buildAskAnswers, renderAskAnswers, toAskResults } from './commands/ask';
import { buildCheckReport, renderCheckReport } from './commands/check';
import { PLAYBOOKS_USAGE, buildPlaybooksReport, renderPlaybooksReport } from './commands/playbooks';
import { buildRevenueReport, renderRevenueReport } from './commands/revenue';
import { buildScoreReport, renderScoreReport } from './commands/score';
import { ConfigError } from '../config';
import { CliError, EXIT } from './errors';
import { styleFor } from './style';

const USAGE = `Usage: vitals <command> [options]

File commands (no server needed; .xlsx, .xls or .csv in any layout: long, wide, one sheet per month):
  score <file> [--month YYYY-MM] [--json]         health of every account
  check <file> [--json]                           how the file reads: layout, counts, every error and warning
  revenue <file> --from YYYY-MM --to YYYY-MM [--json]
                                                  ARR bridge: expansion, contraction, churn, NRR, GRR, growth
  playbooks <file> [--month YYYY-MM] [--json]     which playbook each account should run, with the evidence
  ask <file> [--json] [--today YYYY-MM-DD] QUESTION...
                                                  the assistant's quick queries, one conversation in order

Server and database (DATABASE_URL, or the embedded database in DATA_DIR, default ./.data):
  serve                                     the whole app at http://localhost:8787 (PORT, HOST)
  migrate                                   apply database migrations
  seed                                      add the sample tenants and demo users
  tenant create --slug S --name N --owner-email E [--owner-password P]
  import <file> --tenant S [--as EMAIL] [--exclude-errors] [--dry-run] [--json]
                                            import a spreadsheet as a new version of the tenant's data
  backup [--out FILE]                       write a restorable JSON dump of the database
  restore FILE [--force]                    restore a dump (--force replaces existing data)
  outbox [--to EMAIL] [--kind KIND] [--limit N] [--json]
                                            the mail the server kept instead of sending, newest first

Run \`npm run vitals -- <command>\` from the repository root.`;

async function score(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { month: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError(`Usage: vitals score <file> [--month YYYY-MM] [--json]`, EXIT.usage);
  const report = await buildScoreReport({ file, month: values.month }, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderScoreReport(report, styleFor(process.stdout)));
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError('Usage: vitals check <file> [--json]', EXIT.usage);
  const result = await buildCheckReport(file);
  process.stdout.write(values.json ? `${JSON.stringify(result.report, null, 2)}\n` : renderCheckReport(result, styleFor(process.stdout)));
  // Scripts gate an upload on this: a file with errors would import nothing.
  return result.report.errors.length > 0 ? EXIT.failure : EXIT.ok;
}

async function revenue(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError('Usage: vitals revenue <file> --from YYYY-MM --to YYYY-MM [--json]', EXIT.usage);
  const result = await buildRevenueReport({ file, from: values.from, to: values.to }, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(values.json ? `${JSON.stringify(result.report, null, 2)}\n` : renderRevenueReport(result, styleFor(process.stdout)));
}

async function playbooks(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { month: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError(PLAYBOOKS_USAGE, EXIT.usage);
  const report = await buildPlaybooksReport({ file, month: values.month }, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(
    values.json
      ? `${JSON.stringify({ month: report.month, recommendations: report.recommendations }, null, 2)}\n`
      : renderPlaybooksReport(report, styleFor(process.stdout)),
  );
}

async function ask(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, today: { type: 'string' } },
  });
  const [file, ...questions] = positionals;
  if (!file || questions.length === 0) throw new CliError(ASK_USAGE, EXIT.usage);
  const turns = await buildAskAnswers({ file, questions, today: values.today }, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(values.json ? `${JSON.stringify(toAskResults(turns), null, 2)}\n` : renderAskAnswers(turns, styleFor(process.stdout)));
}

// Server and database commands load lazily: the file commands need no database code at all.
const database = () => import('./commands/database');
/** A handler may return an exit code (`check` fails on a file with errors); nothing means success. */
const COMMANDS: Record<string, (args: string[]) => Promise<unknown>> = {
  score,
  check,
  revenue,
  playbooks,
  ask,
  serve: async () => (await import('./commands/serve')).serveCommand(),
  migrate: async () => (await database()).migrateCommand(),
  seed: async () => (await database()).seedCommand(),
  tenant: async (args) => (await database()).tenantCommand(args),
  import: async (args) =>
    (await import('./commands/import')).importCommand(
      args,
      styleFor(process.stdout),
      (text) => process.stdout.write(text),
      (line) => process.stderr.write(`${line}\n`),
    ),
  backup: async (args) => (await database()).backupCommand(args),
  restore: async (args) => (await database()).restoreCommand(args),
  outbox: async (args) =>
    (await import('./commands/outbox')).outboxCommand(args, styleFor(process.stdout), (text) => process.stdout.write(text)),
};

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? EXIT.ok : EXIT.usage;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    const code = await handler(rest);
    return typeof code === 'number' ? code : EXIT.ok;
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return error instanceof CliError ? error.exitCode : EXIT.usage;
    }
    // parseArgs reports unknown flags with a code; they are usage errors, not crashes.
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

process.exitCode = await run(process.argv.slice(2));
