// Pushes conversations to a push integration from a script: batches of up to 1,000, each record
// answered with its decision; a 429 is waited out (Retry-After) and the same batch sent again,
// which is safe: a record with a reference and version already stored is "unchanged".
//   INTAKE_URL=http://127.0.0.1:3000 INTAKE_TOKEN=intk_… INTAKE_INTEGRATION=<id> node examples/push-contacts.mjs
// The test suite runs this file against the API, so it stays true.
const url = process.env.INTAKE_URL ?? 'http://127.0.0.1:3000';
const token = process.env.INTAKE_TOKEN;
const integration = process.env.INTAKE_INTEGRATION;
if (!token || !integration) {
  console.error('usage: INTAKE_URL=… INTAKE_TOKEN=intk_… INTAKE_INTEGRATION=<id> node examples/push-contacts.mjs');
  process.exit(2);
}

async function push(records) {
  for (;;) {
    const response = await fetch(`${url}/api/v1/integrations/${encodeURIComponent(integration)}/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      console.log(`rate-limited; retrying in ${seconds} s`);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    const body = await response.json();
    if (!response.ok) throw new Error(`${response.status} ${body.error.code}: ${body.error.message}`);
    return body;
  }
}

// Your own records, mapped to Intake's fields; the version grows each time a conversation changes.
const chats = Array.from({ length: 5 }, (_, i) => ({
  sourceRef: `chat-${2001 + i}`,
  version: 1,
  createdAt: new Date(Date.UTC(2026, 2, 3, 9 + i)).toISOString(),
  channel: 'chat',
  agent: i % 2 ? 'ann' : 'bob',
  status: i === 4 ? 'open' : 'closed',
  tags: i === 0 ? ['vip'] : [],
}));
// One broken record, to show how a failure is answered.
chats.push({ sourceRef: 'chat-2099', createdAt: 'yesterday' });

for (let start = 0; start < chats.length; start += 1000) {
  const { run, decisions } = await push(chats.slice(start, start + 1000));
  console.log(`run ${run.id}: ${run.counts.imported} imported, ${run.counts.unchanged} unchanged, ${run.counts.excluded} excluded, ${run.counts.failed} failed`);
  for (const d of decisions) console.log(`  ${d.sourceRef}: ${d.outcome}${d.reason ? ` (${d.reason})` : ''}${d.field ? ` — ${d.field} ${d.message}` : ''}`);
}
