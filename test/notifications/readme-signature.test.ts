import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureHeader } from '../../src/notifications/webhook-signature.js';
import { readmeSection } from '../support/readme.js';

/** The README's signature check, run as written, against what Intake signs: it cannot rot. */
describe('the README’s webhook signature snippet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-readme-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts what Intake signs and refuses a changed body or an old timestamp', async () => {
    const block = /```js\n([\s\S]*?)```/.exec(readmeSection('## Notifications'))?.[1];
    expect(block).toBeDefined();
    const file = join(dir, 'verify.mjs');
    writeFileSync(file, block!);
    const { verifyIntakeSignature } = (await import(pathToFileURL(file).href)) as { verifyIntakeSignature: (secret: string, header: string, body: string) => boolean };
    const secret = newWebhookSecret();
    const body = JSON.stringify({ id: 'e1', type: 'integration.failure' });
    const now = Math.floor(Date.now() / 1000);
    expect(verifyIntakeSignature(secret, signatureHeader(secret, now, body), body)).toBe(true);
    expect(verifyIntakeSignature(secret, signatureHeader(secret, now, body), body.replace('failure', 'warning'))).toBe(false);
    expect(verifyIntakeSignature(secret, signatureHeader(secret, now - 3600, body), body)).toBe(false);
  });
});
