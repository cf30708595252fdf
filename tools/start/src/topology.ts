/**
 * What `npm start` runs on one machine: one gateway, two chat-actors and two
 * routers (the scalable services twice, so that sharding and sharing work is
 * exercised from the first run).
 */
export interface ServiceInstance {
  app: 'gateway' | 'chat-actor' | 'router';
  instanceId: string;
  port: number;
}

export function localTopology(env: NodeJS.ProcessEnv = process.env): ServiceInstance[] {
  const base = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a TCP port, got "${env[name]}"`);
    return value;
  };
  const gateway = base('GATEWAY_PORT', 3000);
  const chatActor = base('CHAT_ACTOR_BASE_PORT', 3101);
  const router = base('ROUTER_BASE_PORT', 3201);
  return [
    { app: 'gateway', instanceId: 'gateway-1', port: gateway },
    { app: 'chat-actor', instanceId: 'chat-actor-1', port: chatActor },
    { app: 'chat-actor', instanceId: 'chat-actor-2', port: chatActor + 1 },
    { app: 'router', instanceId: 'router-1', port: router },
    { app: 'router', instanceId: 'router-2', port: router + 1 },
  ];
}
