/**
 * R16: the link into the remote-control console for a device. The configured
 * URL may contain `{deviceId}` (and `{sessionId}`) placeholders; without one,
 * the device id is appended as a `device` query parameter.
 */
export function remoteControlLink(consoleUrl: string, deviceId: string, sessionId?: string): string {
  const base = consoleUrl.trim();
  const device = encodeURIComponent(deviceId);
  const session = encodeURIComponent(sessionId ?? '');
  if (base.includes('{deviceId}')) return base.split('{deviceId}').join(device).split('{sessionId}').join(session);
  const [beforeHash, hash] = splitOnce(base.split('{sessionId}').join(session), '#');
  const sep = beforeHash.includes('?') ? (beforeHash.endsWith('?') || beforeHash.endsWith('&') ? '' : '&') : '?';
  return `${beforeHash}${sep}device=${device}${hash === undefined ? '' : `#${hash}`}`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
