import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceModule } from '@switchboard/service-kit';
import type { ChatActorConfig } from './config';

/** The chat-actor process: owns chat sessions and applies their commands one at a time. */
@Module({})
export class ChatActorModule {
  static forRoot(config: ChatActorConfig): DynamicModule {
    return { module: ChatActorModule, imports: [ServiceModule.forService('chat-actor', config)] };
  }
}
