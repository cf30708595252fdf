import { describeHttpError, serverMessage } from './describe-http-error';

describe('describeHttpError', () => {
  it('shows the message of a Nest error body with the status line', () => {
    const description = describeHttpError({
      status: 404,
      statusText: 'Not Found',
      error: { message: 'Cannot POST /api/auth/login', error: 'Not Found', statusCode: 404 },
    });

    expect(description).toEqual({ message: 'Cannot POST /api/auth/login', status: 'HTTP 404 Not Found' });
  });

  it('shows the message of an error with a stable code', () => {
    expect(
      describeHttpError({ status: 401, error: { code: 'INVALID_CREDENTIALS', message: 'Unknown user or wrong password' } })
        .message,
    ).toBe('Unknown user or wrong password');
  });

  it('joins a list of validation messages into sentences', () => {
    const description = describeHttpError({
      status: 400,
      statusText: 'Bad Request',
      error: { message: ['username must not be empty', 'password is too long.'], error: 'Bad Request' },
    });

    expect(description.message).toBe('username must not be empty. password is too long.');
  });

  it('reads a message nested under error', () => {
    expect(serverMessage({ error: { code: 'LOCKED', message: 'Account locked' } })).toBe('Account locked');
  });

  it('reads a JSON body that arrived as text', () => {
    expect(serverMessage('{"message":"Service is starting"}')).toBe('Service is starting');
  });

  it('uses a short plain-text body as the message', () => {
    expect(describeHttpError({ status: 429, statusText: 'Too Many Requests', error: 'Slow down' }).message).toBe(
      'Slow down',
    );
  });

  it('does not show an HTML error page; explains the status instead', () => {
    const description = describeHttpError({
      status: 502,
      statusText: 'Bad Gateway',
      error: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    });

    expect(description).toEqual({
      message: 'The gateway is not reachable right now. Try again in a moment.',
      status: 'HTTP 502 Bad Gateway',
    });
  });

  it('explains that the server could not be reached when no answer arrived', () => {
    expect(describeHttpError({ status: 0, statusText: 'Unknown Error', error: new Error('offline') })).toEqual({
      message: 'The server could not be reached. Check your connection and try again.',
      status: null,
    });
  });

  it('lets the caller explain a status for its context', () => {
    const description = describeHttpError({ status: 401, error: null }, { 401: 'The username or password is not correct.' });

    expect(description.message).toBe('The username or password is not correct.');
  });

  it('leaves out a meaningless OK status text', () => {
    expect(describeHttpError({ status: 500, statusText: 'OK', error: null }).status).toBe('HTTP 500');
  });

  it('falls back to a generic explanation for an unusual status', () => {
    expect(describeHttpError({ status: 418, error: {} }).message).toBe('The request was not accepted.');
    expect(describeHttpError({ status: 507, error: {} }).message).toBe('The server ran into an error. Try again later.');
  });
});
