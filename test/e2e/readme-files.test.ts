import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIntakeCommand } from '../support/intake-process.js';
import { readmeSection, runShell, shellBlocks } from '../support/readme.js';

/** The README's "Import from files" and "Push API" commands, word for word, as a user runs them. */
describe('the README on files and push', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-readme-files-'));
  const env = { INTAKE_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds a file integration and uploads the example file: each row decided, the bad row named', async () => {
    const [block] = shellBlocks(readmeSection('## Import from files'));
    expect(block).toHaveLength(2);
    const added = await runShell(block![0]!, env);
    expect(added.code, added.stderr).toBe(0);
    const uploaded = await runShell(block![1]!, env);
    expect(uploaded.code, uploaded.stderr).toBe(0);
    expect(uploaded.stdout).toMatch(/partial \(upload of weekly-calls\.csv\): 7 seen in 1 page\(s\) — 5 imported, 0 updated, 0 unchanged, 1 excluded, 1 failed/);
    expect(uploaded.stdout).toContain('row 7 of weekly-calls.csv (line 8): `created_at` is not a date');
    const again = await runShell(block![1]!, env);
    expect(again.stdout).toMatch(/0 imported, 0 updated, 5 unchanged, 1 excluded, 1 failed/);
    const why = await runIntakeCommand(['diagnose', '1207'], env);
    expect(why.stdout).toContain('Row 7 of weekly-calls.csv (line 8) on');
    expect(why.stdout).toContain('`created_at` is not a date');
    expect(why.stdout).toContain('Next: Import it again');
    // The failed row, corrected on the command line and imported from the copy Intake kept.
    const [, reimport] = shellBlocks(readmeSection('## Import from files'));
    expect(reimport).toHaveLength(1);
    const imported = await runShell(reimport![0]!, env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^1207: imported — contact /);
    const found = await runIntakeCommand(['contacts', 'find', '1207', '--json'], env);
    expect(found.stdout).toContain('"createdAt": "2026-03-03T13:55:00.000Z"');
  }, 120_000);

  it('adds a push integration', async () => {
    const [block] = shellBlocks(readmeSection('## Push API'));
    const added = await runShell(block![0]!, env);
    expect(added.code, added.stderr).toBe(0);
    const listed = await runIntakeCommand(['integrations', 'list', '--json'], env);
    expect(listed.stdout).toContain('"platform": "push"');
  }, 60_000);
});
