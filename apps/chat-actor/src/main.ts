import { bootstrapService, loadConfig } from '@switchboard/service-kit';
import { ChatActorModule } from './chat-actor.module';
import { chatActorConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(chatActorConfigSchema);
  await bootstrapService(ChatActorModule.forRoot(config), config);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
