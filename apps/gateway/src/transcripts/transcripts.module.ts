import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReferenceDataModule } from '@switchboard/reference-data';
import { SessionStoreModule } from '@switchboard/session-store';
import { ChatEndFollower } from './chat-end-follower';
import { TranscriptMailer } from './transcript-mailer';
import { TicketTranscriptRecord, TicketTranscriptRecordSchema, TranscriptMailRecord, TranscriptMailRecordSchema, TranscriptRecords } from './transcript-records';
import { TRANSCRIPT_CONFIG, type TranscriptConfig } from './transcript.config';
import { TranscriptsController } from './transcripts.controller';
import { TranscriptsService } from './transcripts.service';

/** Transcripts of chats (issue 17): PDF downloads, the end user's e-mail, the internal transcript on the ticket (R14). */
@Module({})
export class TranscriptsModule {
  static forRoot(config: TranscriptConfig): DynamicModule {
    return {
      module: TranscriptsModule,
      global: true,
      imports: [
        ReferenceDataModule,
        SessionStoreModule,
        MongooseModule.forFeature([
          { name: TranscriptMailRecord.name, schema: TranscriptMailRecordSchema },
          { name: TicketTranscriptRecord.name, schema: TicketTranscriptRecordSchema },
        ]),
      ],
      controllers: [TranscriptsController],
      providers: [{ provide: TRANSCRIPT_CONFIG, useValue: config }, TranscriptRecords, TranscriptMailer, TranscriptsService, ChatEndFollower],
      exports: [TranscriptRecords],
    };
  }
}
