import { z } from 'zod';

export const livenessView = z.object({ status: z.literal('ok'), database: z.string(), time: z.string() });
export type LivenessView = z.infer<typeof livenessView>;

export const unavailableView = z.object({ status: z.literal('unavailable'), reason: z.string() });
export type UnavailableView = z.infer<typeof unavailableView>;
