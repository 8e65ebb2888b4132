// Path parameters of the pause/resume routes: /api/v1/{connections|flows}/{id}/{pause|resume}.
import { z } from 'zod';

export const pauseIntentParams = z.object({
  id: z.uuid('unknown id'),
  intent: z.enum(['pause', 'resume']),
});
