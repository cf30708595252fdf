import { z } from 'zod';

export const roundTripRequestSchema = z.object({
  nonce: z.string().min(1).max(128),
});
export type RoundTripRequest = z.infer<typeof roundTripRequestSchema>;

export const roundTripResultSchema = z.object({
  service: z.string(),
  instanceId: z.string(),
  nonce: z.string(),
  /** Id of the document written to the database and read back. */
  documentId: z.string(),
  storedAt: z.string(),
});
export type RoundTripResult = z.infer<typeof roundTripResultSchema>;
