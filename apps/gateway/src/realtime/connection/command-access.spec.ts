import { COMMAND_TYPES, type CommandType, type Principal } from '@switchboard/contracts';
import { COMMAND_ROLES, type SessionCommandType } from '@switchboard/domain';
import { AgentHandlers } from '../agent/agent.handlers';
import { EndUserHandlers } from '../end-user/end-user.handlers';
import type { ChatCommands, CommandBody } from '../sessions/chat-commands.service';
import { SessionHandlers } from '../sessions/session.handlers';
import { ConversationHandlers } from '../conversation/conversation.handlers';
import { COMMAND_ACCESS, FRAME_SESSION_COMMANDS } from './command-access';
import type { CommandHandler } from './command-handler';
import type { Connection } from './connection';

/** A dependency the handler under test does not reach before it sends its command. */
function unused<T>(part: Partial<T> = {}): T {
  return part as T;
}

class Stop extends Error {}

/** Runs a frame's handler until it sends its session command, and says which command that was. */
async function commandSentBy(frame: CommandType): Promise<SessionCommandType | undefined> {
  let sent: SessionCommandType | undefined;
  const chat = unused<ChatCommands>({
    send: async (_principal: Principal, _clientId: string, body: CommandBody) => {
      sent = body.type;
      throw new Stop();
    },
  });
  const access = unused<ConstructorParameters<typeof AgentHandlers>[1]>({ check: async () => unused(), load: async () => unused(), supervised: async () => unused() });
  const handlers = {
    ...new SessionHandlers(chat, access, unused(), unused(), unused(), unused(), unused()).handlers,
    ...new ConversationHandlers(access, unused(), chat, unused(), unused()).handlers,
    ...new EndUserHandlers(chat, access, unused(), unused(), unused()).handlers,
    ...new AgentHandlers(chat, access, unused(), unused(), unused(), unused(), unused(), unused(), unused(), unused(), unused(), unused(), unused()).handlers,
  };
  const handler = handlers[frame] as CommandHandler<CommandType>;
  const conn = unused<Connection>({ principal: { role: 'agent', id: 'alice' } as Principal });
  const payload = { sessionId: 'ab1-0123456789', text: 'hi', description: 'help', targetAgentId: 'bob', queue: 'billing', summary: 'fix', assetId: 'a1', fromAgentId: 'bob' };
  // The stubs make the other handlers fail early; what counts is whether a command went out.
  await handler(conn, payload as never, 'client-0001').catch(() => undefined);
  return sent;
}

describe('issue 12: one table says which role may send which command', () => {
  it('gives every frame type an entry', () => {
    expect(Object.keys(COMMAND_ACCESS).sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it.each(Object.entries(FRAME_SESSION_COMMANDS))('R19: %s is for the roles the domain gives %s', (frame, command) => {
    expect(COMMAND_ACCESS[frame as CommandType]).toEqual(COMMAND_ROLES[command].filter((role) => role !== 'system'));
  });

  it.each(Object.entries(FRAME_SESSION_COMMANDS))('the %s handler sends %s, the command whose roles it is given', async (frame, command) => {
    await expect(commandSentBy(frame as CommandType)).resolves.toBe(command);
  });

  it.each(COMMAND_TYPES.filter((frame) => !(frame in FRAME_SESSION_COMMANDS)))('%s sends no session command', async (frame) => {
    await expect(commandSentBy(frame)).resolves.toBeUndefined();
  });
});
