import { describe, expect, it } from 'vitest';
import { contactDraft } from '../../test/support/contact-draft.js';
import { describeCondition, filterConditionSchema, findFailingCondition, type FilterCondition } from './filter-condition.js';

const contact = contactDraft();
const passes = (condition: FilterCondition, c = contact) => findFailingCondition(c, [condition]) === null;

describe('filter conditions', () => {
  it.each<[string, FilterCondition, boolean]>([
    ['channel is (case-insensitive)', { field: 'channel', operator: 'is', value: 'Email' }, true],
    ['channel is other', { field: 'channel', operator: 'is', value: 'chat' }, false],
    ['channel is_not', { field: 'channel', operator: 'is_not', value: 'chat' }, true],
    ['channel is_not same', { field: 'channel', operator: 'is_not', value: 'email' }, false],
    ['channel is_one_of', { field: 'channel', operator: 'is_one_of', value: ['chat', 'email'] }, true],
    ['channel is_one_of miss', { field: 'channel', operator: 'is_one_of', value: ['chat', 'voice'] }, false],
    ['channel is_not_one_of', { field: 'channel', operator: 'is_not_one_of', value: ['chat', 'voice'] }, true],
    ['channel is_not_one_of hit', { field: 'channel', operator: 'is_not_one_of', value: ['email'] }, false],
    ['channel contains substring', { field: 'channel', operator: 'contains', value: 'mai' }, true],
    ['agent is', { field: 'agent', operator: 'is', value: '360011' }, true],
    ['agent exists', { field: 'agent', operator: 'exists' }, true],
    ['agent does_not_exist', { field: 'agent', operator: 'does_not_exist' }, false],
    ['status is platform status', { field: 'status', operator: 'is', value: 'solved' }, true],
    ['status is_one_of', { field: 'status', operator: 'is_one_of', value: ['closed', 'open'] }, false],
    ['tag contains', { field: 'tag', operator: 'contains', value: 'vip' }, true],
    ['tag contains is exact element', { field: 'tag', operator: 'contains', value: 'vi' }, false],
    ['tag is', { field: 'tag', operator: 'is', value: 'billing' }, true],
    ['tag is_not', { field: 'tag', operator: 'is_not', value: 'vip' }, false],
    ['tag is_one_of', { field: 'tag', operator: 'is_one_of', value: ['refund', 'vip'] }, true],
    ['tag is_not_one_of', { field: 'tag', operator: 'is_not_one_of', value: ['refund', 'bug'] }, true],
    ['tag exists', { field: 'tag', operator: 'exists' }, true],
    ['tag does_not_exist', { field: 'tag', operator: 'does_not_exist' }, false],
    ['custom field is', { field: 'custom_field.360001', operator: 'is', value: 'gold' }, true],
    ['custom field boolean is', { field: 'custom_field.360003', operator: 'is', value: 'false' }, true],
    ['custom field missing exists', { field: 'custom_field.999', operator: 'exists' }, false],
    ['custom field missing does_not_exist', { field: 'custom_field.999', operator: 'does_not_exist' }, true],
    ['custom field missing is_not', { field: 'custom_field.999', operator: 'is_not', value: 'x' }, true],
    ['multi-select contains', { field: 'custom_field.multi', operator: 'contains', value: 'b' }, true],
    ['multi-select is_not_one_of', { field: 'custom_field.multi', operator: 'is_not_one_of', value: ['a'] }, false],
  ])('%s', (_name, condition, expected) => {
    expect(filterConditionSchema.safeParse(condition).success).toBe(true);
    expect(passes(condition)).toBe(expected);
  });

  it('treats an unassigned agent as absent', () => {
    const unassigned = contactDraft({ agent: null });
    expect(passes({ field: 'agent', operator: 'does_not_exist' }, unassigned)).toBe(true);
    expect(passes({ field: 'agent', operator: 'is', value: '360011' }, unassigned)).toBe(false);
  });

  it('reports the first failing condition with what it expected and the actual value', () => {
    const failure = findFailingCondition(contact, [
      { field: 'channel', operator: 'is', value: 'email' },
      { field: 'tag', operator: 'contains', value: 'refund' },
      { field: 'agent', operator: 'does_not_exist' },
    ]);
    expect(failure).toEqual({
      conditionIndex: 1,
      condition: { field: 'tag', operator: 'contains', value: 'refund' },
      expected: 'tag contains "refund"',
      actual: ['billing', 'vip'],
    });
  });

  it.each([
    [{ field: 'team', operator: 'is', value: 'x' }, 'field'],
    [{ field: 'custom_field.', operator: 'is', value: 'x' }, 'field'],
    [{ field: 'tag', operator: 'matches', value: 'x' }, 'operator'],
    [{ field: 'tag', operator: 'is_one_of', value: 'x' }, 'value'],
    [{ field: 'tag', operator: 'is', value: ['x'] }, 'value'],
    [{ field: 'tag', operator: 'exists', value: 'x' }, 'value'],
    [{ field: 'tag', operator: 'is' }, 'value'],
    [{ field: 'tag', operator: 'is', value: '' }, 'value'],
    [{ field: 'tag', operator: 'is', value: 'x', extra: 1 }, ''],
  ])('rejects %j naming the field %s', (condition, path) => {
    const result = filterConditionSchema.safeParse(condition);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('filter conditions with names', () => {
  it('still parses a condition stored before names existed, and one saved with them', () => {
    expect(filterConditionSchema.safeParse({ field: 'agent', operator: 'is', value: '9101' }).success).toBe(true);
    expect(filterConditionSchema.safeParse({ field: 'agent', operator: 'is_one_of', value: ['9101', '9102'], valueLabels: ['Ann Lee', 'Bo Chen'] }).success).toBe(true);
    expect(filterConditionSchema.safeParse({ field: 'custom_field.360001', operator: 'is', value: 'gold', label: 'Plan' }).success).toBe(true);
  });

  it('refuses names that do not pair with the values', () => {
    const result = filterConditionSchema.safeParse({ field: 'agent', operator: 'is_one_of', value: ['9101', '9102'], valueLabels: ['Ann Lee'] });
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['valueLabels']);
  });

  it("describes agents and custom fields by today's names, else the saved ones, else as before", () => {
    const names = { agents: { '9101': 'Ann Lee', '9102': 'Bo Chen' }, customFields: { '360001': 'Plan' } };
    expect(describeCondition({ field: 'agent', operator: 'is', value: '9101' }, names)).toBe('agent is Ann Lee (9101)');
    expect(describeCondition({ field: 'agent', operator: 'is_one_of', value: ['9101', '9999'] }, names)).toBe('agent is one of [Ann Lee (9101), "9999"]');
    expect(describeCondition({ field: 'custom_field.360001', operator: 'is', value: 'gold' }, names)).toBe('custom_field.Plan (360001) is "gold"');
    // Renamed at the source since it was saved: today's name wins over the saved one.
    expect(describeCondition({ field: 'agent', operator: 'is', value: '9101', valueLabels: ['Ann Smith'] }, names)).toBe('agent is Ann Lee (9101)');
    expect(describeCondition({ field: 'agent', operator: 'is', value: '9101', valueLabels: ['Ann Lee'] })).toBe('agent is Ann Lee (9101)');
    expect(describeCondition({ field: 'agent', operator: 'is', value: '9101' })).toBe('agent is "9101"');
    expect(describeCondition({ field: 'custom_field.Order number', operator: 'exists', label: 'Order number' })).toBe('custom_field.Order number exists');
  });

  it('evaluates on ids: names saved beside them change nothing', () => {
    const saved: FilterCondition = { field: 'agent', operator: 'is', value: '360011', valueLabels: ['Someone renamed since'] };
    expect(passes(saved)).toBe(true);
    expect(passes({ ...saved, valueLabels: ['Ann Lee'] })).toBe(true);
  });
});
