import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startIntakeProcess, type IntakeProcess } from '../support/intake-process.js';
import { readmeSection, runShell, shellBlocks } from '../support/readme.js';

let service: IntakeProcess | null = null;
let dataDir: string | null = null;
afterEach(async () => {
  await service?.stop('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  service = null;
  dataDir = null;
});

describe("the README's Start section", () => {
  it('its "look at what arrived" commands, taken from README.md, show results on a fresh intake start', async () => {
    const commands = shellBlocks(readmeSection('## Start'))
      .flat()
      .filter((line) => line.startsWith('npx intake '));
    // The README drifting away from these three breaks this test, on purpose.
    expect(commands).toEqual([
      'npx intake integrations list',
      'npx intake integrations show "Sandbox help desk"',
      expect.stringMatching(/^npx intake contacts find \d+$/),
    ]);

    dataDir = mkdtempSync(join(tmpdir(), 'intake-readme-start-'));
    const env = { INTAKE_DATA_DIR: dataDir };
    service = startIntakeProcess({ ...env, PORT: '0' });
    // The README has the user look once the first sandbox run has said what it imported.
    const first = await service.waitFor((l) => typeof l.outcome === 'string' && typeof l.integrationId === 'string', 90_000);
    expect(first).toMatchObject({ outcome: 'succeeded' });

    const outputs: string[] = [];
    for (const command of commands) {
      const result = await runShell(command, env);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      outputs.push(result.stdout);
    }
    expect(outputs[0]).toMatch(/Sandbox help desk\s+sandbox\s+active/);
    expect(outputs[1]).toContain('Sandbox help desk');
    expect(outputs[1]).toMatch(/status:\s+active/);
    const ref = /(\d+)$/.exec(commands[2]!)![1]!;
    expect(outputs[2]).not.toContain('No integration has imported or seen');
    expect(outputs[2]).toContain('== "Sandbox help desk" — Sandbox account "sandbox"');
    expect(outputs[2]).toMatch(new RegExp(`Contact \\S+ #${ref} — `));
    expect(outputs[2]).toMatch(/\bimported\b/);
  }, 180_000);
});
