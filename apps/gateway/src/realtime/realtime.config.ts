import { DEFAULT_CHAT_PARTITIONS, DEFAULT_MAX_FRAME_BYTES } from '@switchboard/contracts';
import { DEFAULT_AGENT_PRESENCE_GRACE_MS } from '@switchboard/domain';
import { z } from 'zod';

export const realtimeConfigFields = {
  /** Must match the chat-actors' CHAT_PARTITIONS: commands are addressed by partition. */
  CHAT_PARTITIONS: z.coerce.number().int().min(1).max(4096).default(DEFAULT_CHAT_PARTITIONS),
  /** Frames above this are refused with FRAME_TOO_LARGE (the socket stays open). */
  WS_MAX_FRAME_BYTES: z.coerce.number().int().min(256).max(1024 * 1024).default(DEFAULT_MAX_FRAME_BYTES),
  WS_RATE_PER_SECOND: z.coerce.number().positive().max(10_000_000).default(20),
  WS_RATE_BURST: z.coerce.number().int().positive().max(10_000_000).default(40),
  /** A command without an answer from the chat actors after this long gets TIMEOUT (the client may retry with the same clientId). */
  WS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  WS_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** R12: an end user gone this long is marked as having left. */
  END_USER_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** R18: an agent gone this long becomes offline (the presence rules' default, libs/domain policies/presence.ts). */
  AGENT_PRESENCE_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_AGENT_PRESENCE_GRACE_MS),
  /** How often a gateway looks for agents and end users whose gateway stopped (their grace period starts then). */
  PRESENCE_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
};

export interface RealtimeConfig {
  CHAT_PARTITIONS: number;
  WS_MAX_FRAME_BYTES: number;
  WS_RATE_PER_SECOND: number;
  WS_RATE_BURST: number;
  WS_REQUEST_TIMEOUT_MS: number;
  WS_HEARTBEAT_MS: number;
  END_USER_GRACE_MS: number;
  AGENT_PRESENCE_GRACE_MS: number;
  PRESENCE_SWEEP_MS: number;
}

export const REALTIME_CONFIG = Symbol('REALTIME_CONFIG');

/** Frames above this are not even read: the transport closes the socket (1009). */
export const HARD_FRAME_CAP_BYTES = 1024 * 1024;
