import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DemoSeedService } from './demo-seed.service';

/** Imported only with SEED_DEMO_DATA=true: seeds at start-up, before the gateway listens. */
@Module({ providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoDataModule implements OnApplicationBootstrap {
  constructor(@Inject(DemoSeedService) private readonly seeder: DemoSeedService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seeder.seed();
  }
}
