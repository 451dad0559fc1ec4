/** Pieces many answers share, as zod schemas for the routes' contracts. */
import { z } from 'zod';

/** Who did something, as the event envelope records it. */
export const actorAnswer = z.object({ userId: z.string(), role: z.string(), orgUnit: z.string() });

/** An id path parameter: any UUID (as NestJS's ParseUUIDPipe accepted), the 400 naming what it must be. */
export const uuidParam = (what: string) => z.guid(`must be ${what} (a UUID)`);
