/**
 * Builds what the Docker image holds without a Docker engine (CI has none), from the Dockerfile itself so
 * the two cannot drift: each stage gets a directory, its COPY lines copy the repository the way Docker does
 * (honouring .dockerignore), its `npm` RUN lines run there (others only concern the container's OS and
 * are listed as skipped), then the runtime stage's CMD starts with its ENV and the server must answer
 * readiness, serve the app shell with its headers, and stop cleanly on SIGTERM.
 *
 *   npx tsx scripts/image-build.ts [--keep]     (--keep leaves the directories for a look)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Instruction {
  readonly line: number;
  readonly op: string;
  readonly args: string;
}

interface Stage {
  readonly name: string;
  readonly root: string;
  workdir: string;
  readonly env: Record<string, string>;
  cmd: string[] | null;
  readonly volumes: string[];
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return;
    if (!pending) start = i + 1;
    pending += `${line.replace(/\\$/, '').trim()} `;
    if (line.endsWith('\\')) return;
    const [op = ''] = pending.trim().split(/\s+/);
    out.push({ line: start, op: op.toUpperCase(), args: pending.trim().slice(op.length).trim() });
    pending = '';
  });
  return out;
}

/** .dockerignore as a predicate on paths relative to the context: the last matching pattern decides. */
export function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, ''));
      const source = pattern
        .split(/(\*\*\/|\*\*|\*|\?)/)
        .map((part) =>
          part === '**/'
            ? '(?:.*/)?'
            : part === '**'
              ? '.*'
              : part === '*'
                ? '[^/]*'
                : part === '?'
                  ? '[^/]'
                  : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  return (path) => {
    const parts = path.split('/');
    // A path is ignored when it, or a directory above it, matches.
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) if (candidates.some((c) => rule.regex.test(c))) ignored = !rule.negate;
    return ignored;
  };
}

function splitArgs(args: string): { flags: Record<string, string | undefined>; rest: string[] } {
  const flags: Record<string, string> = {};
  const rest: string[] = [];
  for (const word of args.split(/\s+/)) {
    const flag = /^--([\w-]+)=(.*)$/.exec(word);
    if (flag) flags[flag[1]!] = flag[2]!;
    else rest.push(word);
  }
  return { flags, rest };
}

/** `KEY=value KEY2="v 2"` (the only ENV form the Dockerfile uses). */
function parseEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of args.matchAll(/([\w.]+)=("([^"]*)"|\S*)/g)) env[m[1]!] = m[3] ?? m[2]!;
  return env;
}

function run(command: string, cwd: string, env: Record<string, string | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`"${command}" exited with ${code}`)),
    );
  });
}

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function build(dockerfile: Instruction[], work: string): Promise<Stage> {
  const ignored = dockerignore(
    existsSync(join(ROOT, '.dockerignore')) ? readFileSync(join(ROOT, '.dockerignore'), 'utf8') : '',
  );
  const stages = new Map<string, Stage>();
  let stage: Stage | null = null;
  const inStage = (s: Stage, path: string): string => join(s.root, posix.resolve(s.workdir, path));

  for (const { line, op, args } of dockerfile) {
    if (op === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.size}`;
      stage = { name, root: join(work, name), workdir: '/', env: {}, cmd: null, volumes: [] };
      stages.set(name, stage);
      await mkdir(stage.root, { recursive: true });
      log(`== stage ${name} (${args.split(/\s+/)[0]}; here: node ${process.version})`);
      continue;
    }
    if (!stage) throw new Error(`Dockerfile line ${line}: ${op} before FROM`);
    const s: Stage = stage;
    switch (op) {
      case 'WORKDIR':
        s.workdir = posix.resolve(s.workdir, args);
        await mkdir(inStage(s, '.'), { recursive: true });
        break;
      case 'ENV':
        Object.assign(s.env, parseEnv(args));
        break;
      case 'COPY': {
        const { flags, rest } = splitArgs(args);
        const dest = rest.pop()!;
        const from = flags.from ? stages.get(flags.from) : null;
        if (flags.from && !from) throw new Error(`Dockerfile line ${line}: no stage ${flags.from}`);
        for (const src of rest) {
          const source = from ? join(from.root, posix.resolve(from.workdir, src)) : join(ROOT, src);
          if (!existsSync(source)) throw new Error(`Dockerfile line ${line}: ${src} does not exist`);
          const target =
            dest.endsWith('/') || rest.length > 1
              ? join(inStage(s, dest), posix.basename(src))
              : inStage(s, dest);
          await mkdir(dirname(target), { recursive: true });
          await cp(source, target, {
            recursive: true,
            filter: (path) => Boolean(from) || !ignored(relative(ROOT, path).split('\\').join('/') || '.'),
          });
        }
        break;
      }
      case 'RUN': {
        // `--mount=type=cache,…` and other BuildKit flags: the machine's npm cache plays the cache mount here.
        const command = args.replace(/^(--\S+\s+)+/, '');
        if (!/^npm\s/.test(command) || /\bnpm\s+cache\b|&&|;|\|/.test(command)) {
          if (/^npm\s/.test(command))
            throw new Error(
              `Dockerfile line ${line}: RUN npm … must be one npm command that leaves npm's cache alone`,
            );
          log(`   skipped (container OS only): RUN ${command}`);
          break;
        }
        const started = performance.now();
        log(`   RUN ${command}`);
        // Plain log lines (the project's .npmrc asks npm for JSON output), and the cache before the network.
        await run(command, inStage(s, '.'), {
          ...process.env,
          ...s.env,
          npm_config_prefer_offline: 'true',
          npm_config_json: 'false',
          npm_config_loglevel: 'error',
        });
        log(`   done in ${seconds(started)}`);
        break;
      }
      case 'CMD':
        s.cmd = JSON.parse(args) as string[];
        break;
      case 'VOLUME':
        s.volumes.push(...(JSON.parse(args) as string[]));
        break;
      default:
        // USER, EXPOSE, HEALTHCHECK: what the container engine does; the smoke test below checks the same URL.
        break;
    }
  }
  if (!stage?.cmd) throw new Error('The last stage has no CMD');
  return stage;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function smokeTest(stage: Stage): Promise<void> {
  const cwd = join(stage.root, stage.workdir);
  for (const volume of stage.volumes) await mkdir(join(stage.root, volume), { recursive: true });
  const port = await freePort();
  const mapped = Object.fromEntries(
    Object.entries(stage.env).map(([k, v]) => [
      k,
      isAbsolute(v) && v.startsWith('/') ? join(stage.root, v) : v,
    ]),
  );
  // Only the image's environment (no DATABASE_URL from this machine): the embedded database, as `docker run` would.
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...mapped,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    PASSWORD_COST: '10',
  };
  const [command, ...args] = stage.cmd!;
  const started = performance.now();
  log(`== starting ${stage.cmd!.join(' ')} on port ${port}`);
  const child = spawn(command === 'node' ? process.execPath : command!, args, {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      const res = await fetch(`${base}/api/health/ready`).catch(() => null);
      if (res?.status === 200) break;
      if (child.exitCode !== null)
        throw new Error(`the server exited with ${child.exitCode} before it was ready`);
      if (performance.now() - started > 120_000) throw new Error('the server was not ready within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    log(`   ready in ${seconds(started)}`);

    const shell = await fetch(`${base}/`);
    const html = await shell.text();
    const csp = shell.headers.get('content-security-policy') ?? '';
    if (shell.status !== 200 || !html.includes('id="root"'))
      throw new Error(`/ did not serve the app shell (${shell.status})`);
    if (!csp.includes("default-src 'self'")) throw new Error(`/ has no Content-Security-Policy (${csp})`);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    if (!script) throw new Error('the app shell links no script under /assets/');
    const asset = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'br' } });
    await asset.arrayBuffer();
    if (asset.status !== 200 || !asset.headers.get('cache-control')?.includes('immutable')) {
      throw new Error(`${script}: ${asset.status}, cache-control ${asset.headers.get('cache-control')}`);
    }
    if ((await fetch(`${base}/api/health/live`)).status !== 200)
      throw new Error('/api/health/live did not answer 200');
    log(
      `   / (CSP), ${script} (${asset.headers.get('content-encoding') ?? 'identity'}, immutable) and liveness answer`,
    );

    const stopping = performance.now();
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000)),
    ]);
    if (code !== 0) throw new Error(`SIGTERM: the server ended with ${code} (expected a graceful exit 0)`);
    log(`   stopped gracefully on SIGTERM in ${seconds(stopping)}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }

  // The backup and restore commands docs/deployment.md gives, as the image runs them (the server is stopped:
  // the embedded database belongs to one process).
  const cli = async (...words: string[]): Promise<void> => {
    const done = performance.now();
    await run(
      [process.execPath, '--import', 'tsx', 'sync-server/src/cli/main.ts', ...words]
        .map((w) => `'${w}'`)
        .join(' '),
      cwd,
      { ...env, npm_config_json: 'false' },
    );
    log(`   vitals ${words[0]} in ${seconds(done)}`);
  };
  const file = join(stage.root, 'backup-check.json');
  await cli('backup', '--out', file);
  await cli('restore', file, '--force');
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'vitals-image-'));
  log(`== building the image's contents in ${work}`);
  try {
    const runtime = await build(parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')), work);
    // Production dependencies only: nothing of the client's build tool chain is in the image.
    for (const dev of ['vite', 'vitest', 'eslint', 'playwright-core']) {
      if (existsSync(join(runtime.root, runtime.workdir, 'node_modules', dev)))
        throw new Error(`the runtime stage holds the dev dependency ${dev}`);
    }
    await smokeTest(runtime);
    log(`== image contents built and checked in ${seconds(started)}`);
  } finally {
    if (keep) log(`(kept ${work})`);
    else await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`image build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
