import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerRuntimeAvailable, startContainers } from './containers/container-runtime';
import { startLocalMongo, type LocalMongoServer } from './mongo/mongo-server';
import { startLocalNats, type LocalNatsServer } from './nats/nats-server';

export type InfrastructureSource = 'environment' | 'containers' | 'local';

export interface Infrastructure {
  readonly source: InfrastructureSource;
  readonly natsUrl: string;
  /** MongoDB URI without a database name. */
  readonly mongoUri: string;
  /** Local NATS handle (kill/restart) when the source is 'local'. */
  readonly localNats?: LocalNatsServer;
  readonly localMongo?: LocalMongoServer;
  stop(): Promise<void>;
}

export interface ProvideOptions {
  /** 'test': data in a temporary folder removed on stop; 'start': data kept in `dataDir`. */
  purpose: 'test' | 'start';
  projectRoot: string;
  /** Folder for data when purpose is 'start' (e.g. `<root>/.data`). */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The order is fixed by the workspace issue: external URLs from the
 * environment, then containers when a runtime exists, then local binaries.
 */
export async function provideInfrastructure(options: ProvideOptions): Promise<Infrastructure> {
  const env = options.env ?? process.env;
  const natsUrl = env['NATS_URL'];
  const mongoUri = env['MONGODB_URI'];
  if (natsUrl && mongoUri) {
    return { source: 'environment', natsUrl, mongoUri: stripDatabase(mongoUri), stop: async () => undefined };
  }
  if (!natsUrl && !mongoUri && (await containerRuntimeAvailable())) {
    const containers = await startContainers();
    return { source: 'containers', ...containers };
  }

  const dataDir =
    options.purpose === 'start'
      ? (options.dataDir ?? join(options.projectRoot, '.data'))
      : mkdtempSync(join(tmpdir(), 'switchboard-'));
  const nats = natsUrl ? undefined : await startLocalNats({ storeDir: join(dataDir, 'nats') });
  let mongo: LocalMongoServer | undefined;
  try {
    mongo = mongoUri
      ? undefined
      : await startLocalMongo({
          dataDir: join(dataDir, 'mongo'),
          projectRoot: options.projectRoot,
          postgresDatabase: options.purpose === 'test' ? 'switchboard_test' : 'switchboard',
        });
  } catch (error) {
    await nats?.stop();
    throw error;
  }
  return {
    source: 'local',
    natsUrl: natsUrl ?? nats!.url,
    mongoUri: mongoUri ? stripDatabase(mongoUri) : mongo!.uri,
    localNats: nats,
    localMongo: mongo,
    stop: async () => {
      await Promise.all([nats?.stop(), mongo?.stop()]);
      if (options.purpose === 'test') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `mongodb://host:port/db?x=y` -> `mongodb://host:port?x=y`: services pick their own database. */
export function stripDatabase(uri: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  return match ? `${match[1]}${match[2] ?? ''}` : uri;
}

/** Builds a URI for one database from a URI without a database. */
export function mongoUriFor(baseUri: string, database: string): string {
  const [hostPart, query] = baseUri.split('?');
  return `${hostPart.replace(/\/$/, '')}/${database}${query ? `?${query}` : ''}`;
}
