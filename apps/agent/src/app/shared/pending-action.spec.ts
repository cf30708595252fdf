import { PendingAction } from './pending-action';

describe('PendingAction', () => {
  it('is busy while its action runs and clears an earlier failure when it starts again', async () => {
    const action = new PendingAction();
    // A refusal the client phrased for the person keeps its sentence.
    await action.run(() => Promise.reject(Object.assign(new Error('refused'), { details: { sentence: 'Someone else took this chat first.' } })));
    expect(action.error()).toBe('Someone else took this chat first.');
    expect(action.busy()).toBe(false);
    let finish!: () => void;
    const running = action.run(() => new Promise<void>((done) => (finish = done)));
    expect(action.busy()).toBe(true);
    expect(action.error()).toBeUndefined();
    finish();
    await running;
    expect(action.busy()).toBe(false);
    expect(action.error()).toBeUndefined();
  });
});
