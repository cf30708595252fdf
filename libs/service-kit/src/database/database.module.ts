import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

/**
 * One mongoose connection per process. Index builds run at start-up
 * (`autoIndex`) because the unique indexes are part of the correctness story.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: { uri: string; dbName: string }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MongooseModule.forRoot(options.uri, {
          dbName: options.dbName,
          autoIndex: true,
          serverSelectionTimeoutMS: 10000,
        }),
      ],
    };
  }
}
