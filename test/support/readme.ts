import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The text of one README section: from its heading to the next heading of the same level or higher. */
export function readmeSection(heading: string): string {
  const readme = readFileSync(new URL('README.md', `file://${REPO_ROOT}`), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section "${heading}"`);
  const level = heading.split(' ')[0]!;
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The command lines of the section's ```sh blocks, block by block, comments removed. */
export function shellBlocks(section: string): string[][] {
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) =>
    m[1]!
      .split('\n')
      .map((line) => line.replace(/\s+#\s.*$/, '').trim())
      .filter(Boolean),
  );
}

/**
 * npx links the project into npm's cache on first use; two test files doing that at once for the same
 * folder race and can leave a half-made entry that breaks every later npx. Each test process gets
 * its own cache, empty as on a fresh machine.
 */
const NPM_CACHE = mkdtempSync(join(tmpdir(), 'intake-npm-cache-'));
process.once('exit', () => rmSync(NPM_CACHE, { recursive: true, force: true }));

/**
 * The environment of a user's shell in the repository: PATH and HOME (npx needs them) and what the
 * test gives — nothing of the test runner's own environment, so no INTAKE_* variable leaks in.
 */
export function shellEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_cache: NPM_CACHE, ...env };
}

/** Runs one command line as a user types it (`sh -c`), in the repository. */
export async function runShell(line: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('sh', ['-c', line], { cwd: REPO_ROOT, env: shellEnv(env) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A long-running command line (a simulator) in its own process group, so stopping it stops npx's children too. */
export function spawnShell(line: string, env: Record<string, string>): { child: ChildProcess; output(): string; waitFor(text: string, timeoutMs?: number): Promise<string>; stop(): void } {
  const child = spawn('sh', ['-c', line], { cwd: REPO_ROOT, env: shellEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters) wake();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  return {
    child,
    output: () => output,
    waitFor(text, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          cleanup();
          resolve(output);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for "${text}"; output so far:\n${output}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          reject(new Error(`the command exited before printing "${text}"; output:\n${output}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
        };
        child.once('exit', onExit);
        waiters.add(check);
        check();
      });
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    },
  };
}
