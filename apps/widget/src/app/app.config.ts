import { inject, type ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { MAT_ICON_DEFAULT_OPTIONS } from '@angular/material/icon';
import { ATTACHMENT_LINKS, type AttachmentLinkFn } from '@switchboard/chat-ui';
import { ATTACHMENTS_API } from './session/client-factory';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // Icons are ligatures of the self-hosted Material Symbols font (package material-symbols).
    { provide: MAT_ICON_DEFAULT_OPTIONS, useValue: { fontSet: 'material-symbols-outlined' } },
    // One forms style in the three apps (libs/chat-ui/src/theme/_controls.scss): outlined fields.
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } },
    // Previews and downloads of a chat's files through signed links.
    {
      provide: ATTACHMENT_LINKS,
      useFactory: (): AttachmentLinkFn => {
        const api = inject(ATTACHMENTS_API);
        return (sessionId, attachmentId) => api.link(sessionId, attachmentId);
      },
    },
  ],
};
