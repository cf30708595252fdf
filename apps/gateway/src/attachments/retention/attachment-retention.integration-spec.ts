import { Readable } from 'node:stream';
import { RealtimeStack } from '../../testing/realtime-stack';
import { ATTACHMENT_STORE, type AttachmentStore, type StoredAttachment } from '../storage/attachment-store';
import { AttachmentRetention } from './attachment-retention';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Issue 17, old files: with ATTACHMENT_RETENTION_DAYS=30 and sweeps of at
 * most 2 files, through the real gateway, chat-actor, GridFS on the
 * MongoDB-wire server. The sweep is given its clock, so "31 days later" is
 * an argument, not a wait.
 */
describe('attachment retention (issue 17)', () => {
  const stack = new RealtimeStack({ gatewayEnv: { ATTACHMENT_RETENTION_DAYS: '30', ATTACHMENT_SWEEP_BATCH: '2' } });
  let store: AttachmentStore;
  let retention: AttachmentRetention;
  beforeAll(async () => {
    await stack.start();
    store = stack.gateways[0]!.app.get<AttachmentStore>(ATTACHMENT_STORE);
    retention = stack.gateways[0]!.app.get(AttachmentRetention);
  }, 180_000);
  afterAll(() => stack.stop());

  let n = 0;
  async function chat(): Promise<{ id: string; end: () => Promise<unknown> }> {
    const userId = `ret-user${++n}`;
    const agentId = `ag-ret${n}`;
    await stack.addEndUser(userId);
    await stack.addAgent(agentId, { queues: ['Network'] });
    const user = await stack.client(userId);
    const agent = await stack.client(agentId);
    const id = (await user.startSession('files to keep or not', 'vpn')).session.sessionId;
    await agent.accept(id);
    return { id, end: () => agent.end(id) };
  }
  const file = (sessionId: string, name: string): Promise<StoredAttachment> =>
    store.save({ name, mediaType: 'text/plain', sessionId, uploadedBy: { role: 'endUser', id: 'x' }, commandId: `cmd-${sessionId}-${name}` }, Readable.from([Buffer.from(`${name}\n`)]));
  const exists = async (f: StoredAttachment) => (await store.find(f.id)) !== undefined;

  it('retention: the files of chats ended longer ago than the retention are deleted, a bounded number per sweep; those of open or recently ended chats stay', async () => {
    const ended = await chat();
    const open = await chat();
    const endedFiles = [await file(ended.id, 'a.log'), await file(ended.id, 'b.log'), await file(ended.id, 'c.log')];
    const openFile = await file(open.id, 'd.log');
    await ended.end();
    const now = Date.now();
    // The files were sent 40 days ago: older than the retention, so only their chat's end decides.
    await stack.db.collection('attachments.files').updateMany({}, { $set: { uploadDate: new Date(now - 40 * DAY) } });

    // 29 days after the end: within the retention, nothing goes (two sweeps of 2 look at all 4 files).
    expect(await retention.sweep(new Date(now + 29 * DAY))).toEqual({ looked: 2, deleted: 0 });
    expect(await retention.sweep(new Date(now + 29 * DAY))).toEqual({ looked: 2, deleted: 0 });
    for (const f of [...endedFiles, openFile]) expect(await exists(f)).toBe(true);

    // 31 days after: the ended chat's files go, at most 2 files looked at per sweep; the open chat's file stays.
    let deleted = 0;
    for (let sweep = 0; sweep < 4; sweep++) {
      const result = await retention.sweep(new Date(now + 31 * DAY));
      expect(result.looked).toBeLessThanOrEqual(2);
      deleted += result.deleted;
    }
    expect(deleted).toBe(3);
    for (const f of endedFiles) expect(await exists(f)).toBe(false);
    expect(await exists(openFile)).toBe(true);
    await open.end();
  });
});
