import { jetstream, jetstreamManager, StorageType, type JetStreamManager, type JetStreamOptions, type StreamConfig, type StreamInfo } from '@nats-io/jetstream';
import { Kvm, type KV, type KvOptions } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { Logger } from '@nestjs/common';
import { backOff } from 'exponential-backoff';
import type { BaseConfig } from '../config/service-config';

/** How every stream and KV bucket of a deployment is stored: its replica count and storage type. */
export interface JetStreamStorage {
  replicas: number;
  storage: 'file' | 'memory';
}

/** Injection token for the deployment's `JetStreamStorage`. */
export const JETSTREAM_STORAGE = Symbol('JETSTREAM_STORAGE');

/** One NATS server, as in development and most tests. */
export const SINGLE_NODE_STORAGE: JetStreamStorage = { replicas: 1, storage: 'file' };

export function jetStreamStorageOf(config: Pick<BaseConfig, 'NATS_REPLICAS' | 'NATS_STORAGE'>): JetStreamStorage {
  return { replicas: config.NATS_REPLICAS, storage: config.NATS_STORAGE };
}

/**
 * How long a process keeps trying to set up its streams and buckets before
 * it gives up starting. Right after a NATS node is lost, the streams it led
 * elect new leaders and JetStream's API times out for some seconds: a
 * process starting then (a restart, a scale-out, a rolling upgrade) waits
 * instead of exiting (issue 18).
 */
export const JETSTREAM_SETUP_DEADLINE_MS = 60_000;

const logger = new Logger('JetStreamSetup');

/** Tries `setup` again, with backoff, until it succeeds or `deadlineMs` passed. */
async function untilReady<T>(what: string, setup: () => Promise<T>, deadlineMs: number): Promise<T> {
  const until = Date.now() + deadlineMs;
  return backOff(setup, {
    startingDelay: 200,
    maxDelay: 2000,
    numOfAttempts: Number.MAX_SAFE_INTEGER,
    retry: (error: unknown) => {
      const more = Date.now() < until;
      logger.warn({ msg: 'JetStream not ready', what, error: String(error), retrying: more });
      return more;
    },
  });
}

function storageType(storage: JetStreamStorage): StorageType {
  return storage.storage === 'memory' ? StorageType.Memory : StorageType.File;
}

/**
 * Brings an existing stream to the configured replica count (NATS moves the
 * data to the new peers). Its storage type stays as created: JetStream does
 * not change it on a live stream.
 */
async function bringToReplicas(jsm: JetStreamManager, info: StreamInfo, storage: JetStreamStorage): Promise<StreamInfo> {
  if (info.config.num_replicas === storage.replicas) return info;
  return jsm.streams.update(info.config.name, { num_replicas: storage.replicas });
}

/**
 * Creates the stream with the deployment's storage unless it exists, and
 * brings an existing one to the configured replica count. Whichever process
 * starts first creates it. Retried until JetStream answers, for at most
 * `deadlineMs`.
 */
export async function ensureStream(
  nc: NatsConnection,
  config: Partial<StreamConfig> & { name: string },
  storage: JetStreamStorage,
  deadlineMs = JETSTREAM_SETUP_DEADLINE_MS,
): Promise<StreamInfo> {
  return untilReady(`stream ${config.name}`, () => ensureStreamOnce(nc, config, storage), deadlineMs);
}

async function ensureStreamOnce(nc: NatsConnection, config: Partial<StreamConfig> & { name: string }, storage: JetStreamStorage): Promise<StreamInfo> {
  const jsm = await jetstreamManager(nc);
  let info: StreamInfo;
  try {
    info = await jsm.streams.info(config.name);
  } catch {
    try {
      return await jsm.streams.add({ ...config, num_replicas: storage.replicas, storage: storageType(storage) });
    } catch (error) {
      // Another process created it at the same moment.
      info = await jsm.streams.info(config.name).catch(() => Promise.reject(error));
    }
  }
  return bringToReplicas(jsm, info, storage);
}

/**
 * Opens a KV bucket, creating it with the deployment's storage, and brings
 * an existing one to the configured replica count; retried as `ensureStream`.
 */
export async function openKvBucket(
  nc: NatsConnection,
  name: string,
  options: Partial<KvOptions>,
  storage: JetStreamStorage,
  jetStreamOptions?: JetStreamOptions,
  deadlineMs = JETSTREAM_SETUP_DEADLINE_MS,
): Promise<KV> {
  return untilReady(
    `bucket ${name}`,
    async () => {
      const kv = await new Kvm(jetstream(nc, jetStreamOptions)).create(name, { ...options, replicas: storage.replicas, storage: storageType(storage) });
      const status = await kv.status();
      await bringToReplicas(await jetstreamManager(nc, jetStreamOptions), status.streamInfo, storage);
      return kv;
    },
    deadlineMs,
  );
}
