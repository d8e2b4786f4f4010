import { describe, expect, it } from 'vitest';
import { aircallConnectionSchema, aircallCredentialsSchema, companyAccountName } from './aircall-connection.js';

const problems = (input: unknown) => {
  const parsed = aircallConnectionSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('Aircall connection settings', () => {
  it('takes the look-back window in whole hours, 24 by default, from a form string or a number', () => {
    expect(aircallConnectionSchema.parse({})).toEqual({ lookbackHours: 24 });
    expect(aircallConnectionSchema.parse({ lookbackHours: '48' })).toEqual({ lookbackHours: 48 });
    expect(aircallConnectionSchema.parse({ lookbackHours: 720, company: ' Acme ' })).toEqual({ lookbackHours: 720, company: 'acme' });
  });

  it('names the field and the fix for a window it cannot use', () => {
    expect(problems({ lookbackHours: 'a day' })).toEqual(['lookbackHours: must be a whole number of hours from 1 to 720']);
    expect(problems({ lookbackHours: '1.5' })).toEqual(['lookbackHours: must be a whole number of hours from 1 to 720']);
    expect(problems({ lookbackHours: 0 })[0]).toMatch(/^lookbackHours: must be at least 1 hour: calls change after they are created/);
    expect(problems({ lookbackHours: 721 })[0]).toMatch(/^lookbackHours: must be at most 720 hours \(30 days\)/);
    expect(problems({ company: 'Acme Inc.' })[0]).toMatch(/^company: must be a short name for the Aircall company/);
    expect(problems({ region: 'eu' })[0]).toMatch(/region/);
  });

  it('refuses credentials that cannot work, naming where to find them', () => {
    const parsed = aircallCredentialsSchema.safeParse({ apiId: 'id:with-colon', apiToken: '' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path[0])).toEqual(['apiId', 'apiToken']);
    expect(parsed.error!.issues[0]!.message).toContain('Integrations & API › API Keys');
  });

  it('makes an account name from the company name Aircall answers', () => {
    expect(companyAccountName('Acme Calls')).toBe('acme-calls');
    expect(companyAccountName('Société Générale — Support')).toBe('societe-generale-support');
    expect(companyAccountName('***')).toBe('aircall');
  });
});
