export { AgentStateModule } from './agent-state.module';
export { AgentStateStore, type VersionedLiveState } from './store/agent-state.store';
export {
  agentIdOfKey,
  agentKey,
  initialLiveState,
  loadOf,
  withoutSession,
  withPresence,
  withSession,
  type AgentLiveState,
  type AgentPresence,
} from './live-state/agent-live-state';
