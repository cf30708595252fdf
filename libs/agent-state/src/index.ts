export { AgentStateModule } from './agent-state.module';
export { AgentStateStore, type Reservation, type VersionedLiveState } from './store/agent-state.store';
export {
  agentIdOfKey,
  agentKey,
  effectivePresence,
  initialLiveState,
  loadOf,
  withoutSession,
  withPresence,
  withSession,
  type AgentLiveState,
  type AgentPresence,
  type WrapUp,
} from './live-state/agent-live-state';
