import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startIntakeProcess, type IntakeProcess } from '../support/intake-process.js';
import { readmeSection, runShell, shellBlocks, spawnShell } from '../support/readme.js';

let service: IntakeProcess | null = null;
let simulator: ReturnType<typeof spawnShell> | null = null;
let dataDir: string | null = null;
afterEach(async () => {
  simulator?.stop();
  await service?.stop('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  service = null;
  simulator = null;
  dataDir = null;
});

/** Starts `intake start` the way a user does (no INTAKE_EXTRA_SOURCE_HOSTS) and returns where it listens. */
async function startService(): Promise<{ url: string; env: Record<string, string> }> {
  dataDir = mkdtempSync(join(tmpdir(), 'intake-readme-sim-'));
  // The shell has the data folder (as `./data` would be) and nothing else of Intake's.
  const env = { INTAKE_DATA_DIR: dataDir };
  service = startIntakeProcess({ ...env, PORT: '0', INTAKE_SANDBOX: 'off' });
  const listening = await service.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('API and web UI on'));
  return { url: listening.url as string, env };
}

describe("the README's simulator path, from shells without INTAKE_EXTRA_SOURCE_HOSTS", () => {
  it('runs the printed commands as printed: the running service imports, and a later run from another shell keeps it healthy', async () => {
    const { env } = await startService();
    const [simBlock, printedBlock] = shellBlocks(readmeSection('## Import from Zendesk')).filter((b) => b.some((l) => l.includes('intake sim ')) || b.some((l) => l.includes('source-hosts allow')));
    const simCommand = simBlock!.find((l) => l.startsWith('npx intake sim zendesk'))!;
    expect(simCommand).toBeDefined();

    // A free port instead of the default 4010, so the test never collides with anything.
    simulator = spawnShell(`${simCommand} --port 0`, env);
    const printed = await simulator.waitFor('Press Ctrl+C');
    const commands = printed.split('\n').filter((l) => l.startsWith('  npx intake ')).map((l) => l.trim());
    const host = /listening on http:\/\/([^\s/]+)/.exec(printed)![1]!;
    const token = /--token (\S+)/.exec(commands.at(-1)!)![1]!;
    // The README shows the same commands, with the default port and the token left out.
    expect(commands).toEqual(printedBlock!.map((l) => l.replaceAll('127.0.0.1:4010', host).replace('<the token it printed>', token)));

    const outputs = [];
    for (const command of commands) {
      const result = await runShell(command, env);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      outputs.push(result.stdout);
    }
    const id = /\(([0-9a-f-]{36})\)/.exec(outputs.at(-1)!)![1]!;

    // The service was started without the variable and never restarted: its first run succeeds.
    const first = await service!.waitFor((l) => l.integrationId === id && typeof l.outcome === 'string', 60_000);
    expect(first, JSON.stringify(first)).toMatchObject({ outcome: 'succeeded' });

    const again = await runShell('npx intake integrations run "Simulated Zendesk"', env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/succeeded \(manual\)/);
    const listed = await runShell('npx intake integrations list --json', env);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'Simulated Zendesk', status: 'active' })]);
  }, 180_000);

  it('prints sign-in links on the port the service listens on, not a guessed one', async () => {
    const { url, env } = await startService();
    expect(url).not.toMatch(/:3000$/);
    const added = await runShell('npx intake users add viewer@example.com --role contact_viewer --json', env);
    expect(added.code, added.stderr).toBe(0);
    expect((JSON.parse(added.stdout) as { signInLink: { url: string } }).signInLink.url.startsWith(`${url}/sign-in#link=`)).toBe(true);
    const link = await runShell('npx intake users link viewer@example.com', env);
    expect(link.stdout).toContain(`  ${url}/sign-in#link=`);
  }, 120_000);
});
