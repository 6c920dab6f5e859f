// The local outbox on the running local gateway: today's notifications as a page (masked
// addresses, escaped text) or JSON, and each slip's PDF regenerated from the stored document.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoNotificationLog, type NotificationRecord } from '../../functions/notifications/adapters/notification-log';
import { renderMessage } from '../../functions/notifications/domain/message';
import { BASE_URL, dossier, event } from '../../functions/notifications/domain/fixtures.test-support';
import { extractText } from '../../functions/notifications/pdf/pdf-reader.test-support';

const log = new DynamoNotificationLog(dynamoClient, () => tableName('notifications'));
const gateway = () => process.env.DVC_BASE_URL!;

const record = async (note: string) => {
  const id = `d-${randomUUID()}`;
  const m = renderMessage(event('refuse', { dossierId: id, note }), dossier({ id, status: 'not_received' }), BASE_URL)!;
  const draft = {
    dossierId: id, eventVersion: 3, kind: m.kind, channel: 'email' as const, code: m.slip.code, action: 'refuse',
    toMasked: 'a***@example.vn', subject: m.subject, text: m.text, html: m.html, trackingUrl: m.trackingUrl, slip: m.slip,
  };
  await log.claim(draft, new Date());
  await log.markSent(draft, { delivery: 'outbox', providerMessageId: 'outbox-1' }, new Date());
  return id;
};

describe('GET /local/outbox', () => {
  it('lists today\'s notifications, newest first, with the PDF link of each slip', async () => {
    const first = await record('Hồ sơ thiếu <chữ ký>');
    const second = await record('Sai thẩm quyền');
    const res = await fetch(`${gateway()}/local/outbox?format=json`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: NotificationRecord[] };
    const ours = items.filter((i) => [first, second].includes(i.dossierId));
    expect(ours.map((i) => i.dossierId)).toEqual([second, first]);
    expect(ours[0]).toMatchObject({ status: 'sent', kind: 'refusal', toMasked: 'a***@example.vn' });

    const page = await fetch(`${gateway()}/local/outbox`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Từ chối tiếp nhận hồ sơ');
    expect(html).toContain('Hồ sơ thiếu &lt;chữ ký&gt;');
    expect(html).not.toContain('<chữ ký>');
    expect(html).not.toContain('an.nguyen@example.vn');
    expect(html).toContain(`/local/outbox/${first}/000003%23refusal%23email.pdf`);
  });

  it('serves the slip PDF regenerated from the stored document; 404 for anything else', async () => {
    const id = await record('Sai thẩm quyền');
    const res = await fetch(`${gateway()}/local/outbox/${id}/${encodeURIComponent('000003#refusal#email')}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(extractText(pdf).replace(/\s+/g, ' ')).toContain('Lý do: Sai thẩm quyền');
    expect((await fetch(`${gateway()}/local/outbox/${id}/nope.pdf`)).status).toBe(404);
    expect((await fetch(`${gateway()}/local/outbox/%E0%A4%A/x.pdf`)).status).toBe(404);
  });

  it('is not a declared route: POST falls through to the API', async () => {
    const res = await fetch(`${gateway()}/local/outbox`, { method: 'POST' });
    expect(res.status).not.toBe(200);
  });
});
