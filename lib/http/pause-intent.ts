// Path parameters and body of the pause/resume routes: /api/v1/{connections|flows}/{id}/{pause|resume}.
import { z } from 'zod';

export const pauseIntentParams = z.object({
  id: z.uuid('unknown id'),
  intent: z.enum(['pause', 'resume']),
});

/**
 * `{ reason }`: required to pause (the use case refuses a pause without one, 422, so the console
 * and the API say the same thing), ignored on resume, where the body may be empty.
 */
export const pauseIntentBody = z.object({
  reason: z.string().max(500, 'keep the reason under 500 characters').optional(),
});
