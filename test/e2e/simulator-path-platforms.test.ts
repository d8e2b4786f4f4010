import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readmeSection, runShell, shellBlocks, spawnShell } from '../support/readme.js';

let simulator: ReturnType<typeof spawnShell> | null = null;
let dataDir: string | null = null;
afterEach(() => {
  simulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  simulator = null;
  dataDir = null;
});

/** A README line as a pattern: its `<the … it printed>` placeholder stands for any one word. */
function linePattern(line: string, host: string): RegExp {
  const escaped = line.replaceAll('127.0.0.1:4010', host).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/<the [a-z ]+ it printed>/, '\\S+')}$`);
}

describe("the README's simulator commands for each platform, run as printed", () => {
  for (const [platform, heading, limit] of [
    // Each simulator's own rate limit unless one is asked for: Freshdesk's credits a minute, Intercom's 10-second windows.
    ['freshdesk', '## Import from Freshdesk', 'rate limit 66 requests per 60 s'],
    ['intercom', '## Import from Intercom', 'rate limit 166 requests per 10 s'],
    ['aircall', '## Import from Aircall', 'rate limit 60 requests per 60 s'],
    ['genesys', '## Import from Genesys Cloud', 'rate limit 300 requests per 60 s'],
  ] as const) {
    it(`${platform}: intake sim prints the README's commands, and they add an integration that imports`, async () => {
      dataDir = mkdtempSync(join(tmpdir(), `intake-readme-${platform}-`));
      const env = { INTAKE_DATA_DIR: dataDir };
      const blocks = shellBlocks(readmeSection(heading));
      const simCommand = blocks.flat().find((l) => l.startsWith(`npx intake sim ${platform}`))!;
      const printedBlock = blocks.find((b) => b.some((l) => l.includes('source-hosts allow')))!;
      expect(simCommand).toBeDefined();
      expect(printedBlock).toBeDefined();

      // A free port instead of the default 4010, so the test never collides with anything.
      simulator = spawnShell(`${simCommand} --port 0`, env);
      const printed = await simulator.waitFor('Press Ctrl+C');
      const commands = printed.split('\n').filter((l) => l.startsWith('  npx intake ')).map((l) => l.trim());
      const host = /listening on http:\/\/([^\s/]+)/.exec(printed)![1]!;
      expect(printed).toContain(limit);
      expect(commands.length).toBe(printedBlock.length);
      commands.forEach((command, i) => expect(command).toMatch(linePattern(printedBlock[i]!, host)));

      for (const command of commands) {
        const result = await runShell(command, env);
        expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      }
      const name = /--name "([^"]+)"/.exec(commands.at(-1)!)![1]!;
      const run = await runShell(`npx intake integrations run "${name}"`, env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/succeeded \(manual\): [1-9]\d* seen/);
      const listed = await runShell('npx intake integrations list --json', env);
      expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name, platform, status: 'active' })]);
    }, 180_000);
  }
});
