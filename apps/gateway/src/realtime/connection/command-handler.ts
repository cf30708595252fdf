import type { CommandPayload, CommandType, ReplyData } from '@switchboard/contracts';
import type { Connection } from './connection';

export type CommandHandler<T extends CommandType> = (conn: Connection, payload: CommandPayload<T>, clientId: string) => Promise<ReplyData<T>>;

/** A feature's command handlers; the dispatcher collects them. */
export type CommandHandlers = { [T in CommandType]?: CommandHandler<T> };
