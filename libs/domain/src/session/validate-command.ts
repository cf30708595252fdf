import { domainError, type DomainError } from '../errors/domain-error';
import { SESSION_COMMAND_TYPES, type SessionCommand } from './commands';
import { MAX_TEXT_LENGTH } from './types';

const ROLES = ['endUser', 'agent', 'admin', 'system'];
const MAX_ID_LENGTH = 200;

/**
 * Shape checks of a command, at run time: commands arrive over NATS, and the
 * domain must not be the place where a malformed one half-applies.
 * Undefined when the command is well formed.
 */
export function validateCommand(command: SessionCommand): DomainError | undefined {
  if (typeof command !== 'object' || command === null) return invalid('command', 'The command is missing.');
  const c = command as unknown as Record<string, unknown>;
  if (!(SESSION_COMMAND_TYPES as readonly unknown[]).includes(c['type'])) {
    return invalid('type', `Unknown command type "${String(c['type'])}".`);
  }
  const base = id(c, 'commandId') ?? id(c, 'sessionId');
  if (base) return base;
  const actor = c['actor'] as Record<string, unknown> | undefined;
  if (typeof actor !== 'object' || actor === null || !ROLES.includes(actor['role'] as string)) {
    return invalid('actor', 'The command has no valid actor.');
  }
  if (!isId(actor['id'])) return invalid('actor.id', 'The command has no valid actor id.');

  switch (command.type) {
    case 'StartSession':
      return id(c, 'requestId') ?? text(c, 'description', 'Describe your issue.') ?? optionalId(c, 'topic');
    case 'AutoAssign':
      return id(c, 'agentId') ?? optionalBoolean(c, 'capacityReserved');
    case 'TargetWentOffline':
      return id(c, 'agentId');
    case 'TransferToAgent':
      return id(c, 'targetAgentId') ?? optionalText(c, 'sideNote');
    case 'TransferToQueue':
      return id(c, 'queue') ?? optionalText(c, 'sideNote');
    case 'EndChat':
      return optionalBoolean(c, 'resolveTicket');
    case 'PostMessage':
      return text(c, 'text', 'A message cannot be empty.');
    case 'AddSideNote':
      return text(c, 'text', 'A side note cannot be empty.');
    case 'CreateTicket':
      return text(c, 'summary', 'A ticket needs a summary.');
    case 'RequestControl':
      return optionalId(c, 'assetId');
    case 'ForceClose':
      return optionalText(c, 'comment');
    case 'AcceptSession':
    case 'ReleaseSession':
    case 'AbandonSession':
    case 'CancelByUser':
    case 'MarkUserLeft':
    case 'MarkUserReturned':
      return undefined;
  }
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '' && v.length <= MAX_ID_LENGTH;
}

function id(c: Record<string, unknown>, field: string): DomainError | undefined {
  return isId(c[field]) ? undefined : invalid(field, `"${field}" must be a non-empty id of at most ${MAX_ID_LENGTH} characters.`);
}

function optionalId(c: Record<string, unknown>, field: string): DomainError | undefined {
  return c[field] === undefined ? undefined : id(c, field);
}

function text(c: Record<string, unknown>, field: string, emptyMessage: string): DomainError | undefined {
  const v = c[field];
  if (typeof v !== 'string' || v.trim() === '') return invalid(field, emptyMessage);
  return tooLong(field, v);
}

function optionalText(c: Record<string, unknown>, field: string): DomainError | undefined {
  const v = c[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return invalid(field, `"${field}" must be text.`);
  return tooLong(field, v);
}

function tooLong(field: string, v: string): DomainError | undefined {
  return v.length > MAX_TEXT_LENGTH
    ? invalid(field, `"${field}" is too long (at most ${MAX_TEXT_LENGTH} characters).`)
    : undefined;
}

function optionalBoolean(c: Record<string, unknown>, field: string): DomainError | undefined {
  const v = c[field];
  return v === undefined || typeof v === 'boolean' ? undefined : invalid(field, `"${field}" must be true or false.`);
}

function invalid(field: string, message: string): DomainError {
  return domainError('VALIDATION', message, { field });
}
