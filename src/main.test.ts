import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openIntake } from './main.js';

const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('starting with a data folder Intake cannot use', () => {
  it('stops at once with the folder named and the fix, as a problem of the environment', async () => {
    root = mkdtempSync(join(tmpdir(), 'intake-start-'));
    writeFileSync(join(root, 'data'), 'a file where the data folder should be');
    const config = loadConfig({ INTAKE_DATA_DIR: join(root, 'data', 'intake') });
    const started = openIntake(config, silent);
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(`INTAKE_DATA_DIR ${join(root, 'data', 'intake')} is not a folder Intake can use`);
    await expect(started).rejects.toThrow('Set INTAKE_DATA_DIR to a folder, or move that file away.');
  });
});
