import { localTopology } from './topology';

describe('npm start topology', () => {
  it('runs one gateway, two chat-actors and two routers on distinct ports', () => {
    const services = localTopology({});
    expect(services.map((s) => s.app).sort()).toEqual(['chat-actor', 'chat-actor', 'gateway', 'router', 'router']);
    expect(new Set(services.map((s) => s.port)).size).toBe(5);
    expect(new Set(services.map((s) => s.instanceId)).size).toBe(5);
  });

  it('takes its ports from the environment', () => {
    const services = localTopology({ GATEWAY_PORT: '8080', CHAT_ACTOR_BASE_PORT: '9100', ROUTER_BASE_PORT: '9200' });
    expect(services.find((s) => s.app === 'gateway')?.port).toBe(8080);
    expect(services.filter((s) => s.app === 'chat-actor').map((s) => s.port)).toEqual([9100, 9101]);
  });

  it('refuses a port that is not a port', () => {
    expect(() => localTopology({ GATEWAY_PORT: 'eighty' })).toThrow(/GATEWAY_PORT must be a TCP port/);
  });
});
