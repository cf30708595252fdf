import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { Readable } from 'node:stream';
import { TRANSCRIPT_MEDIA_TYPE } from '@switchboard/contracts';
import { TRANSCRIPT_CONFIG, type TranscriptConfig } from './transcript.config';

export interface TranscriptMail {
  to: string;
  endUserName: string;
  sessionId: string;
  fileName: string;
  pdf: Readable;
}

/** Sends transcripts through the configured SMTP server (nodemailer streams the PDF into the message). */
@Injectable()
export class TranscriptMailer implements OnApplicationShutdown {
  private readonly transport: Transporter | undefined;

  constructor(@Inject(TRANSCRIPT_CONFIG) private readonly config: TranscriptConfig) {
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : undefined;
  }

  /** A mail server is configured. */
  get configured(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: TranscriptMail): Promise<void> {
    if (!this.transport) throw new Error('No mail server is configured (SMTP_URL).');
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: `Transcript of your support chat ${mail.sessionId.slice(0, 8)}`,
      text: `Hello ${mail.endUserName},\n\nthe transcript of your chat with the service desk is attached as a PDF.\n\nThis message was sent because you asked for it in the chat window.\n`,
      attachments: [{ filename: mail.fileName, content: mail.pdf, contentType: TRANSCRIPT_MEDIA_TYPE }],
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
