import { z } from 'zod';

/*
 * Issue 17, typing and receipts (ADR 19). Neither goes through the chat
 * actor: typing is relayed and forgotten, receipts are two high-water marks
 * per side of a chat, kept apart from its event log.
 */

const seq = z.number().int().min(0);

/**
 * One side's marks: every event up to `delivered` reached one of its
 * clients, every event up to `seen` was on one of its screens. Both only
 * grow (a lower value changes nothing), and `seen <= delivered`.
 */
export const receiptMarkSchema = z.object({ delivered: seq, seen: seq });
export type ReceiptMark = z.infer<typeof receiptMarkSchema>;

/** A chat's receipts: the end user's side and the agents' side (whoever holds the chat), O(1) however long the chat. */
export const chatReceiptsSchema = z.object({ endUser: receiptMarkSchema, agent: receiptMarkSchema });
export type ChatReceipts = z.infer<typeof chatReceiptsSchema>;

export const RECEIPT_SIDES = ['endUser', 'agent'] as const;
export const receiptSideSchema = z.enum(RECEIPT_SIDES);
export type ReceiptSide = z.infer<typeof receiptSideSchema>;

/** A client sends at most one `session.typing` per chat this often while its user types. */
export const TYPING_THROTTLE_MS = 2000;
/** The gateway relays at most one `session.typing` per socket this often; the others are answered `relayed: false`. */
export const TYPING_RELAY_MIN_INTERVAL_MS = 1000;
/** The other side shows "typing" this long after the last `session.typing` frame (unless a message from that side comes first). */
export const TYPING_SHOW_MS = 5000;

/**
 * Core NATS, between gateways (`chatSignal(sessionId)`): what one gateway
 * heard that the other side's sockets, wherever they are connected, must
 * hear. `endUserId` and `agentId` (the chat's holder) say who that is.
 */
export const chatSignalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('typing'),
    sessionId: z.string(),
    from: receiptSideSchema,
    endUserId: z.string(),
    agentId: z.string().optional(),
  }),
  z.object({
    kind: z.literal('receipts'),
    sessionId: z.string(),
    endUserId: z.string(),
    agentId: z.string().optional(),
    receipts: chatReceiptsSchema,
  }),
]);
export type ChatSignal = z.infer<typeof chatSignalSchema>;
