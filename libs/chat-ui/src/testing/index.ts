// Unit-test helpers of the browser apps: stand-ins for the WebSocket client and the gateway's sign-in endpoints.
export { FakeClient, hello } from './fake-client';
export { FakeGateway } from './fake-gateway';
