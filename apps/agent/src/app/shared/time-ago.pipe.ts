import { Pipe, type PipeTransform } from '@angular/core';

/** "just now", "5 min ago", "2 h ago" from an ISO time. */
@Pipe({ name: 'timeAgo' })
export class TimeAgoPipe implements PipeTransform {
  transform(iso: string | undefined, now = Date.now()): string {
    if (!iso) return '';
    const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
    if (!Number.isFinite(minutes)) return '';
    if (minutes < 1) return 'just now';
    if (minutes < 60) return `${minutes} min ago`;
    const hours = Math.floor(minutes / 60);
    return hours < 24 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
  }
}
