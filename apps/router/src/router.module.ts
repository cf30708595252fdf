import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceModule } from '@switchboard/service-kit';
import type { RouterConfig } from './config';

/** The router process: assigns waiting sessions to agents by load (R4). */
@Module({})
export class RouterModule {
  static forRoot(config: RouterConfig): DynamicModule {
    return { module: RouterModule, imports: [ServiceModule.forService('router', config)] };
  }
}
