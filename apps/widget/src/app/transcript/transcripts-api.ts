import { inject, InjectionToken } from '@angular/core';
import { saveFile, TranscriptsApi } from '@switchboard/client';
import { CONSOLE_SESSION, GATEWAY_ORIGIN } from '../session/client-factory';

/** The chat's transcript over the gateway's HTTP calls, with the widget's sign-in; tests provide a fake. */
export const TRANSCRIPTS_API = new InjectionToken<TranscriptsApi>('TRANSCRIPTS_API', {
  providedIn: 'root',
  factory: () => {
    const session = inject(CONSOLE_SESSION);
    return new TranscriptsApi({ baseUrl: inject(GATEWAY_ORIGIN), token: () => session.token() });
  },
});

/** Offers a downloaded file to the person; tests provide one that records it. */
export const SAVE_FILE = new InjectionToken<(blob: Blob, fileName: string) => void>('SAVE_FILE', { providedIn: 'root', factory: () => saveFile });
