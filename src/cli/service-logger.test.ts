import { afterEach, describe, expect, it } from 'vitest';
import { runIntegration } from '../services/run-integration.js';
import { createZendeskHarness, type ZendeskHarness } from '../../test/support/zendesk-harness.js';
import { serviceLogger, type LogOutput } from './service-logger.js';

/** Standard output as a test sees it: a terminal, or a pipe. */
function fakeOutput(isTTY: boolean): LogOutput & { text(): string } {
  const chunks: string[] = [];
  return { isTTY, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

// Colours are escape codes around words: read the words.
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

let harness: ZendeskHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function logOneRun(output: LogOutput, logLevel = 'info', options: { json?: boolean } = {}): Promise<string> {
  harness = await createZendeskHarness('sqlite', { sim: { tickets: 60, maxPageSize: 20 } });
  const logger = await serviceLogger({ logLevel }, { ...options, output });
  const run = await runIntegration({ ...harness.services, logger }, harness.integration.id, { kind: 'scheduled' });
  expect(run.status).toBe('succeeded');
  return run.id;
}

describe('the service log', () => {
  it('writes one short line per run on a terminal, as the README shows', async () => {
    const terminal = fakeOutput(true);
    await logOneRun(terminal);
    const lines = plain(terminal.text()).split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO: run succeeded: "Support" seen \d+, imported \d+, updated 0, unchanged 0, excluded \d+, failed 0$/);
  });

  it("shows a run's details on a terminal at debug level", async () => {
    const terminal = fakeOutput(true);
    const runId = await logOneRun(terminal, 'debug');
    const text = plain(terminal.text());
    expect(text).toContain('run succeeded: "Support"');
    expect(text).toContain(`runId: "${runId}"`);
    expect(text).toMatch(/requests": \d+/);
  });

  it('writes JSON lines, one per event with its fields, when the output is not a terminal (or with --json)', async () => {
    for (const [output, options] of [
      [fakeOutput(false), {}],
      [fakeOutput(true), { json: true }],
    ] as const) {
      const runId = await logOneRun(output, 'info', options);
      await harness!.close();
      harness = null;
      const lines = output.text().split('\n').filter(Boolean);
      const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        level: 30,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        name: 'intake',
        msg: expect.stringMatching(/^run succeeded: "Support"/),
        runId,
        integrationId: expect.any(String),
        kind: 'scheduled',
        outcome: 'succeeded',
        pages: 3,
        counts: expect.objectContaining({ seen: expect.any(Number), imported: expect.any(Number) }),
        source: expect.objectContaining({ requests: 3, throttled: 0 }),
        tookMs: expect.any(Number),
      });
    }
  });
});
