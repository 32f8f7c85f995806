/** Runs the real `vitals` command as a separate process, as an admin would, and returns its exit code and output. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** With `dataDir`, the database commands use that embedded database (never a configured DATABASE_URL). */
export async function runVitals(args: readonly string[], options: { dataDir?: string } = {}): Promise<CliRun> {
  const env = options.dataDir
    ? { ...process.env, DATA_DIR: options.dataDir, PASSWORD_COST: '10', LOG_LEVEL: 'silent', DATABASE_URL: '' }
    : process.env;
  try {
    const { stdout, stderr } = await exec(process.execPath, ['sync-server/bin/vitals.js', ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
