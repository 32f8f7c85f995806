/**
 * `vitals`: the command line for admins and scripts. File commands work on a spreadsheet alone, with no
 * server or database, using the same shared/ code as the app.
 */
import { parseArgs } from 'node:util';
import { buildScoreReport, renderScoreReport } from './commands/score';
import { CliError, EXIT } from './errors';
import { styleFor } from './style';

const USAGE = `Usage: vitals <command> [options]

File commands (no server needed):
  score <file> [--month YYYY-MM] [--json]   health of every account in a CSV (long layout)

Server:
  serve                                     the sync server (not in this version yet)

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

async function serve(): Promise<void> {
  // Honest until the server lands: `npm start` must not pretend to serve an app.
  throw new CliError('The sync server is not part of this version yet (it arrives with issue 3). Try `npm run vitals -- score <file.csv>`.');
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { score, serve };

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
    await handler(rest);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
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
