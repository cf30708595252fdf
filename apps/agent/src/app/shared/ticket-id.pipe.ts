import { Pipe, type PipeTransform } from '@angular/core';
import { shortTicketId } from '@switchboard/client';

/** A ticket id as it reads on screen (`T-c428907d`). */
@Pipe({ name: 'ticketId' })
export class TicketIdPipe implements PipeTransform {
  transform(ticketId: string): string {
    return shortTicketId(ticketId);
  }
}
