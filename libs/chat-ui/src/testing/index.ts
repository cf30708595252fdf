// Unit-test helpers of the browser apps: a stand-in for the WebSocket client.
export { FakeClient, hello } from './fake-client';
