import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('INTAKE_TRUSTED_PROXIES', () => {
  it('is off by default: X-Forwarded-For is believed from nobody', () => {
    expect(loadConfig({}).trustedProxies).toBeNull();
    expect(loadConfig({ INTAKE_TRUSTED_PROXIES: 'off' }).trustedProxies).toBeNull();
  });

  it('takes the proxies as addresses and CIDR ranges, or a number of hops', () => {
    expect(loadConfig({ INTAKE_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' }).trustedProxies).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
    expect(loadConfig({ INTAKE_TRUSTED_PROXIES: '1' }).trustedProxies).toBe(1);
  });

  it('names what is wrong and how to write it', () => {
    expect(problemsOf({ INTAKE_TRUSTED_PROXIES: 'proxy.local,10.0.0.0/33' })).toEqual([
      'INTAKE_TRUSTED_PROXIES: "proxy.local", "10.0.0.0/33" are not IP addresses or CIDR ranges: list your reverse proxies\' addresses (e.g. 10.0.0.5,10.1.0.0/16), or give how many proxies are in front of Intake (e.g. 1)',
    ]);
    expect(problemsOf({ INTAKE_TRUSTED_PROXIES: '0' })).toEqual(['INTAKE_TRUSTED_PROXIES: as a number of proxy hops must be from 1 to 10 (the reverse proxies in front of Intake)']);
  });
});
