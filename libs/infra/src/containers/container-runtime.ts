/**
 * True when testcontainers finds a working container runtime. On a machine
 * with only the docker client this fails within milliseconds, so it is cheap
 * to ask before falling back to local binaries.
 */
export async function containerRuntimeAvailable(): Promise<boolean> {
  if (process.env['SWITCHBOARD_NO_CONTAINERS'] === '1') return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export interface ContainerInfrastructure {
  natsUrl: string;
  mongoUri: string;
  stop(): Promise<void>;
}

/** Official NATS (JetStream on) and MongoDB images, on random host ports. */
export async function startContainers(): Promise<ContainerInfrastructure> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const [nats, mongo] = await Promise.all([
    new GenericContainer('nats:2.11')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start(),
    new GenericContainer('mongo:7.0').withExposedPorts(27017).withWaitStrategy(Wait.forListeningPorts()).start(),
  ]);
  return {
    natsUrl: `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`,
    mongoUri: `mongodb://${mongo.getHost()}:${mongo.getMappedPort(27017)}`,
    stop: async () => {
      await Promise.all([nats.stop(), mongo.stop()]);
    },
  };
}
