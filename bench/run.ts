import { parseArgs } from 'node:util';
import { importBenchmark } from './import.bench.js';
import { rateLimitBenchmark } from './rate-limit.bench.js';
import { diagnosisBenchmark } from './diagnosis.bench.js';
import { platformsBenchmark } from './platforms.bench.js';
import { pruneBenchmark } from './prune.bench.js';
import { uploadBenchmark } from './upload.bench.js';
import { workersBenchmark } from './workers.bench.js';

const { values } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    contacts: { type: 'string', default: '200000' },
    scenario: { type: 'string', default: 'all' },
    windows: { type: 'string', default: '6' },
    'ledger-contacts': { type: 'string', default: '1000000' },
    'ledger-decisions': { type: 'string', default: '3000000' },
    'prune-decisions': { type: 'string', default: '1000000' },
    keep: { type: 'string' },
    'platform-contacts': { type: 'string', default: '20000' },
    rows: { type: 'string', default: '1000000' },
    'workers-small': { type: 'string', default: '1000' },
    'workers-large': { type: 'string', default: '10' },
    'small-tickets': { type: 'string', default: '50' },
    'large-tickets': { type: 'string', default: '3000' },
    'worker-counts': { type: 'string', default: '1,2,4' },
    'worker-concurrency': { type: 'string', default: '8' },
    'rate-limit': { type: 'string', default: '10/1' },
    'latency-ms': { type: 'string', default: '150' },
  },
});

const contacts = Number(values.contacts);
if (!Number.isInteger(contacts) || contacts < 1) {
  console.error('--contacts must be a whole number above 0');
  process.exit(2);
}
const dialect = values.postgres ? 'postgres' : 'sqlite';
const scenarios = values.scenario === 'all' ? ['import', 'platforms', 'rate-limit', 'diagnosis', 'prune'] : values.scenario.split(',');

for (const scenario of scenarios) {
  if (scenario === 'import') await importBenchmark({ dialect, contacts });
  else if (scenario === 'platforms') await platformsBenchmark({ dialect, contacts: Number(values['platform-contacts']) });
  else if (scenario === 'rate-limit') await rateLimitBenchmark({ requests: 10, windowSeconds: 6, windows: Number(values.windows) });
  else if (scenario === 'upload') await uploadBenchmark({ dialect, rows: Number(values.rows) });
  else if (scenario === 'diagnosis') {
    await diagnosisBenchmark({ dialect, contacts: Number(values['ledger-contacts']), decisions: Number(values['ledger-decisions']), samples: 1000, ...(values.keep ? { keep: values.keep } : {}) });
  }
  else if (scenario === 'prune') await pruneBenchmark({ dialect, decisions: Number(values['prune-decisions']) });
  else if (scenario === 'workers') {
    const [requests, windowSeconds] = values['rate-limit'].split('/').map(Number);
    await workersBenchmark({
      small: Number(values['workers-small']),
      large: Number(values['workers-large']),
      smallTickets: Number(values['small-tickets']),
      largeTickets: Number(values['large-tickets']),
      workerCounts: values['worker-counts'].split(',').map(Number),
      concurrency: Number(values['worker-concurrency']),
      rateLimit: { requests: requests!, windowSeconds: windowSeconds! },
      latencyMs: Number(values['latency-ms']),
    });
  }
  else {
    console.error(`unknown scenario "${scenario}"; use import, platforms, rate-limit, diagnosis, prune, upload, workers or all`);
    process.exit(2);
  }
}
