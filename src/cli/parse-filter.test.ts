import { describe, expect, it } from 'vitest';
import { parseFilter, parseInterval } from './parse-filter.js';

describe('--filter on the command line', () => {
  it('reads field, operator and value', () => {
    expect(parseFilter('tag contains vip')).toEqual({ field: 'tag', operator: 'contains', value: 'vip' });
    expect(parseFilter('channel is_one_of email, web')).toEqual({ field: 'channel', operator: 'is_one_of', value: ['email', 'web'] });
    expect(parseFilter('agent exists')).toEqual({ field: 'agent', operator: 'exists' });
  });

  it('takes a custom field named with spaces: the first operator word ends the name', () => {
    expect(parseFilter('custom_field.Plan tier is gold')).toEqual({ field: 'custom_field.Plan tier', operator: 'is', value: 'gold' });
    expect(parseFilter('custom_field.Customer since exists')).toEqual({ field: 'custom_field.Customer since', operator: 'exists' });
    expect(parseFilter('custom_field.Region of sale is_one_of EMEA, North America')).toEqual({
      field: 'custom_field.Region of sale',
      operator: 'is_one_of',
      value: ['EMEA', 'North America'],
    });
  });

  it('keeps a value that repeats the operator word', () => {
    expect(parseFilter('tag contains contains')).toEqual({ field: 'tag', operator: 'contains', value: 'contains' });
    expect(parseFilter('custom_field.Reason is is broken')).toEqual({ field: 'custom_field.Reason', operator: 'is', value: 'is broken' });
  });

  it('names the problem in unreadable input', () => {
    expect(parseFilter('tag')).toEqual({ problem: expect.stringContaining('<field> <operator> [value]') });
    expect(parseFilter('tag has vip')).toEqual({ problem: expect.stringContaining('"has" is not an operator') });
  });
});

describe('--interval', () => {
  it('reads minutes and hours', () => {
    expect(parseInterval('15')).toBe(15);
    expect(parseInterval('2h')).toBe(120);
    expect(parseInterval('soon')).toBeNull();
  });
});
