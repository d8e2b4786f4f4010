// Asks Intake why a contact is missing, as a script would: an API token, plain fetch.
//   INTAKE_URL=http://127.0.0.1:3000 INTAKE_TOKEN=intk_… node examples/why-missing.mjs 9123
// The test suite runs this file against a real `intake start`, so it stays true.
const url = process.env.INTAKE_URL ?? 'http://127.0.0.1:3000';
const token = process.env.INTAKE_TOKEN;
const sourceRef = process.argv[2];
if (!token || !sourceRef) {
  console.error('usage: INTAKE_URL=… INTAKE_TOKEN=intk_… node examples/why-missing.mjs <source-reference>');
  process.exit(2);
}

async function api(path) {
  const response = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.json();
  if (!response.ok) throw new Error(`${response.status} ${body.error.code}: ${body.error.message}`);
  return body;
}

const { integrations } = await api('/integrations');
for (const i of integrations) console.log(`${i.name}: ${i.status}, last data imported ${i.lastDataImportedAt ?? 'never'}`);

// A reference is one conversation per source account: the answer comes per integration that could hold it.
const { summary, diagnoses } = await api(`/diagnoses?sourceRef=${encodeURIComponent(sourceRef)}`);
if (diagnoses.length > 1) console.log(`\n${summary}`);
for (const diagnosis of diagnoses) {
  const where = diagnosis.integration ? ` — "${diagnosis.integration.name}" (${diagnosis.integration.platformName} account ${diagnosis.integration.sourceAccount})` : '';
  console.log(`\n${diagnosis.verdict}\ncause: ${diagnosis.cause}${where}`);
  for (const step of diagnosis.steps) console.log(`  [${step.verdict}] ${step.title}: ${step.summary}`);
}
