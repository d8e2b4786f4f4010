import { z } from 'zod';
import { RUN_KINDS } from '../../core/run.js';
import { isoInstantInput } from './common.js';
import { decisionOutcomeView, decisionView, runView } from './integrations.js';

export const runListQuerySchema = z
  .object({
    before: isoInstantInput.optional().describe('Runs started before this time: the start of the last run of the previous page'),
    limit: z.coerce.number<number | string>().int().min(1).max(100).optional(),
    kind: z.enum(RUN_KINDS).optional(),
  })
  .strict();
export type RunListQuery = z.input<typeof runListQuerySchema>;

export const runListView = z.object({ runs: z.array(runView) });
export type RunListView = z.infer<typeof runListView>;

export const runDecisionsQuerySchema = z
  .object({
    outcome: decisionOutcomeView.optional(),
    reason: z.string().max(50).optional(),
    after: z.coerce.number<number | string>().int().min(0).optional().describe('The last decision id of the previous page'),
    limit: z.coerce.number<number | string>().int().min(1).max(500).optional(),
  })
  .strict();
export type RunDecisionsQuery = z.input<typeof runDecisionsQuerySchema>;

export const runDecisionPageView = z.object({ decisions: z.array(decisionView), nextAfter: z.number().nullable() });
export type RunDecisionPageView = z.infer<typeof runDecisionPageView>;
