import { Module, type DynamicModule } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { ReferenceDataModule } from '@switchboard/reference-data';
import { SessionQueries, SessionStoreModule } from '@switchboard/session-store';
import type { Connection } from 'mongoose';
import { resolveTokenSecret, type IdentityConfig } from '../identity';
import { REALTIME_CONFIG, type RealtimeConfig } from '../realtime/realtime.config';
import { ChatCommands } from '../realtime/sessions/chat-commands.service';
import type { AttachmentsConfig } from './attachments.config';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { AttachmentLinks } from './links/attachment-links';
import { ATTACHMENT_STORE } from './storage/attachment-store';
import { GridFsAttachmentStore } from './storage/gridfs-attachment-store';
import { UploadSlots } from './upload/upload-slots';
import { AttachmentRetention } from './retention/attachment-retention';
import type { AttachmentStore } from './storage/attachment-store';

/**
 * Files and screenshots in chats (issue 17): upload, signed links, download,
 * over HTTP. The store is GridFS in the gateway's database; another store
 * (an object store) is one more ATTACHMENT_STORE provider.
 */
@Module({})
export class AttachmentsModule {
  static forRoot(config: AttachmentsConfig & IdentityConfig & RealtimeConfig): DynamicModule {
    return {
      module: AttachmentsModule,
      imports: [ReferenceDataModule, SessionStoreModule],
      controllers: [AttachmentsController],
      providers: [
        { provide: REALTIME_CONFIG, useValue: config },
        ChatCommands,
        { provide: ATTACHMENT_STORE, inject: [getConnectionToken()], useFactory: (db: Connection) => new GridFsAttachmentStore(db) },
        { provide: AttachmentLinks, useFactory: () => new AttachmentLinks(resolveTokenSecret(config), config.ATTACHMENT_LINK_TTL_SECONDS) },
        { provide: UploadSlots, useFactory: () => new UploadSlots(config.ATTACHMENT_MAX_CONCURRENT_UPLOADS) },
        AttachmentsService,
        {
          provide: AttachmentRetention,
          inject: [ATTACHMENT_STORE, SessionQueries],
          useFactory: (store: AttachmentStore, sessions: SessionQueries) =>
            new AttachmentRetention(store, sessions, { days: config.ATTACHMENT_RETENTION_DAYS, everyMs: config.ATTACHMENT_SWEEP_MS, batch: config.ATTACHMENT_SWEEP_BATCH }),
        },
      ],
    };
  }
}
