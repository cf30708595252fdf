import { bootstrapService, loadConfig } from '@switchboard/service-kit';
import { ChatActorModule } from './chat-actor.module';
import { chatActorConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(chatActorConfigSchema);
  await bootstrapService(ChatActorModule.forRoot(config), config);
}

main().catch((error) => {
  // The whole error: its kind, code and stack say what failed where (a NATS timeout's message alone is empty).
  console.error('start-up failed:', error);
  process.exit(1);
});
