/** A command refused with a typed code; the dispatcher turns it into `{ ok: false, error }`. */
export class CommandRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const forbidden = (message = 'You may not see or change this chat session.') => new CommandRefusal('FORBIDDEN', message);
export const notFound = () => new CommandRefusal('SESSION_NOT_FOUND', 'There is no such chat session.');
