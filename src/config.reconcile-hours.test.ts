import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('INTAKE_RECONCILE_HOURS', () => {
  it('defaults to a day, and takes whole hours', () => {
    expect(loadConfig({}).reconcileIntervalMs).toBe(24 * 3_600_000);
    expect(loadConfig({ INTAKE_RECONCILE_HOURS: '6' }).reconcileIntervalMs).toBe(6 * 3_600_000);
  });

  it.each(['0', '1.5', 'daily', '9000', '-2'])('refuses %j, naming the variable and what it takes', (value) => {
    expect(problemsOf({ INTAKE_RECONCILE_HOURS: value })).toEqual(['INTAKE_RECONCILE_HOURS: must be a whole number of hours from 1 to 8760 (a year)']);
  });
});
