import { clientFrameEnvelopeSchema, clientIdSchema, commandPayloads, type CommandType, type WsError } from '@switchboard/contracts';

export type ParsedFrame =
  /** Refused before a clientId could be read: answered with an `error` frame. */
  | { kind: 'unaddressed'; error: WsError }
  /** Refused with a clientId: answered with a `reply` frame. */
  | { kind: 'refused'; clientId: string; command?: string; error: WsError }
  | { kind: 'command'; clientId: string; type: CommandType; payload: Record<string, unknown> };

const COMMANDS = new Set<string>(Object.keys(commandPayloads));

/**
 * Validates one text frame into a command, or says exactly why not. Pure:
 * the size limit and the rate limit are checked before it.
 */
export function parseFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'unaddressed', error: { code: 'BAD_FRAME', message: 'Frame is not valid JSON.' } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'unaddressed', error: { code: 'BAD_FRAME', message: 'Frame must be a JSON object.' } };
  }
  const record = value as Record<string, unknown>;
  const clientId = clientIdSchema.safeParse(record['clientId']);
  if (!clientId.success) {
    return { kind: 'unaddressed', error: { code: 'BAD_FRAME', message: 'Frame needs a clientId of 8 to 64 characters A-Z a-z 0-9 _ -.' } };
  }
  const envelope = clientFrameEnvelopeSchema.safeParse(record);
  if (!envelope.success) {
    return { kind: 'refused', clientId: clientId.data, error: { code: 'BAD_FRAME', message: 'Frame needs a string "type".' } };
  }
  const type = envelope.data.type;
  if (!COMMANDS.has(type)) {
    return { kind: 'refused', clientId: clientId.data, command: type, error: { code: 'UNKNOWN_COMMAND', message: `Unknown command "${type}".` } };
  }
  const { type: _t, clientId: _c, ...rest } = record;
  const payload = commandPayloads[type as CommandType].strict().safeParse(rest);
  if (!payload.success) {
    return {
      kind: 'refused',
      clientId: clientId.data,
      command: type,
      error: {
        code: 'BAD_FRAME',
        message: `Fields of ${type} do not match the protocol: ${payload.error.issues.map((i) => `${i.path.join('.') || '(frame)'} ${i.message}`).join('; ')}`,
      },
    };
  }
  return { kind: 'command', clientId: clientId.data, type: type as CommandType, payload: payload.data as Record<string, unknown> };
}
