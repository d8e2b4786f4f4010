import { parseArgs } from 'node:util';
import { importBenchmark } from './import.bench.js';

const { values } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    contacts: { type: 'string', default: '200000' },
    scenario: { type: 'string', default: 'import' },
  },
});

const contacts = Number(values.contacts);
if (!Number.isInteger(contacts) || contacts < 1) {
  console.error('--contacts must be a whole number above 0');
  process.exit(2);
}
const dialect = values.postgres ? 'postgres' : 'sqlite';
const scenarios = values.scenario === 'all' ? ['import'] : values.scenario.split(',');

for (const scenario of scenarios) {
  if (scenario === 'import') await importBenchmark({ dialect, contacts });
  else {
    console.error(`unknown scenario "${scenario}"; use import or all`);
    process.exit(2);
  }
}
