import { Module } from '@nestjs/common';
import { AgentStateModule } from '@switchboard/agent-state';
import { AgentStateFeed } from './agent-state-feed';
import { ChatEventFeed } from './chat-event-feed';

/** What the gateway follows on NATS, once per gateway whoever needs it: the chat events and the agents' live states. */
@Module({
  imports: [AgentStateModule],
  providers: [ChatEventFeed, AgentStateFeed],
  exports: [ChatEventFeed, AgentStateFeed],
})
export class FeedsModule {}
