import type { Presence } from '../session/context';
import {
  keepsPendingOffer,
  keepsPendingTransfer,
  presenceAfterOfferLapse,
  presenceOnConnect,
  receivesNewChats,
  sweptWhenConnectedNowhere,
} from './presence';

const ALL: readonly Presence[] = ['online', 'away', 'notResponding', 'wrapUp', 'offline'];
const where = (rule: (p: Presence) => boolean) => ALL.filter(rule);

describe('presence rules (issue 14: presence in one place)', () => {
  it('R18 only an online agent receives new chats: not away, not responding, in wrap-up or offline', () => {
    expect(where(receivesNewChats)).toEqual(['online']);
  });

  it('R5.4 a pending transfer stays while its target is connected in any presence, and goes back once the target is offline', () => {
    expect(where((p) => !keepsPendingTransfer(p))).toEqual(['offline']);
  });

  it('a pending offer stays only while its agent is online; any other presence withdraws it', () => {
    expect(where(keepsPendingOffer)).toEqual(['online']);
  });

  it('R18 connecting makes an agent online, except a chosen Away and a Not responding, which only the agent ends', () => {
    expect(ALL.map((p) => [p, presenceOnConnect(p)])).toEqual([
      ['online', 'online'],
      ['away', 'away'],
      ['notResponding', 'notResponding'],
      ['wrapUp', 'online'],
      ['offline', 'online'],
    ]);
  });

  it("a lapsed offer puts an online agent in the administrator's choice and leaves any other presence as it is", () => {
    for (const chosen of ['notResponding', 'away', 'offline'] as const) {
      expect(ALL.map((p) => presenceAfterOfferLapse(p, chosen))).toEqual([chosen, 'away', 'notResponding', 'wrapUp', 'offline']);
    }
  });

  it('R18 every presence but offline is checked by the sweep for agents whose gateway died', () => {
    expect(where(sweptWhenConnectedNowhere)).toEqual(['online', 'away', 'notResponding', 'wrapUp']);
  });
});
