// Record-then-send against DynamoDB Local (the notifications table as declared): the conditional
// put is the claim, so a redelivered or concurrent copy of an event never gets a second claim;
// failures and dead claims are taken over; the day index lists what was recorded.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import {
  DynamoNotificationLog, notificationSk, type NotificationChannel, type NotificationDraft,
} from '../../functions/notifications/adapters/notification-log';
import { localDate } from '../../functions/notifications/domain/text';

const LEASE_MS = 60_000;
const log = new DynamoNotificationLog(dynamoClient, () => tableName('notifications'), LEASE_MS);

const draft = (dossierId = `d-${randomUUID()}`, channel: NotificationChannel = 'email'): NotificationDraft => ({
  dossierId, eventVersion: 3, kind: 'receipt', channel, code: 'A-261120-0001', action: 'receive',
  toMasked: channel === 'email' ? 'a***@example.vn' : '09******78', subject: 'Giấy tiếp nhận', text: 'Nội dung', html: '<p>Nội dung</p>',
  trackingUrl: 'https://dichvucong.example.vn/tra-cuu?code=A-261120-0001', slip: null,
});

const at = (iso: string) => new Date(iso);

describe('DynamoNotificationLog', () => {
  it('the first claim wins; once sent, a redelivery finds it done', async () => {
    const d = draft();
    expect(await log.claim(d, at('2026-11-20T02:00:00Z'))).toEqual({ outcome: 'claimed', attempt: 1 });
    await log.markSent(d, { delivery: 'outbox', providerMessageId: 'm-1' }, at('2026-11-20T02:00:01Z'));
    expect(await log.claim(d, at('2026-11-20T02:05:00Z'))).toEqual({ outcome: 'done', status: 'sent' });
    const stored = await log.get(d.dossierId, notificationSk(d));
    expect(stored).toMatchObject({
      pk: `N#${d.dossierId}`, sk: '000003#receipt#email', status: 'sent', attempts: 1, providerMessageId: 'm-1',
      delivery: 'outbox', text: 'Nội dung', html: '<p>Nội dung</p>', toMasked: 'a***@example.vn', gsi1pk: 'DAY#2026-11-20',
    });
    expect(Number((stored as unknown as { expiresAt: number }).expiresAt)).toBeGreaterThan(Date.parse('2028-11-01') / 1000);
  });

  it('of ten concurrent claims on one key exactly one is granted', async () => {
    const d = draft();
    const now = at('2026-11-20T03:00:00Z');
    const claims = await Promise.all(Array.from({ length: 10 }, () => log.claim(d, now)));
    expect(claims.filter((c) => c.outcome === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.outcome === 'busy')).toHaveLength(9);
  });

  it('channels of one event are claimed separately', async () => {
    const id = `d-${randomUUID()}`;
    expect((await log.claim(draft(id, 'email'), new Date())).outcome).toBe('claimed');
    expect((await log.claim(draft(id, 'sms'), new Date())).outcome).toBe('claimed');
  });

  it('a failed send is claimed again by the next delivery, which counts the attempt', async () => {
    const d = draft();
    await log.claim(d, at('2026-11-20T04:00:00Z'));
    await log.markFailed(d, 'Throttling', at('2026-11-20T04:00:01Z'));
    expect((await log.get(d.dossierId, notificationSk(d)))).toMatchObject({ status: 'failed', error: 'Throttling' });
    expect(await log.claim(d, at('2026-11-20T04:01:00Z'))).toEqual({ outcome: 'claimed', attempt: 2 });
    const again = await log.get(d.dossierId, notificationSk(d));
    expect(again).toMatchObject({ status: 'sending', attempts: 2 });
    expect(again?.error).toBeUndefined();
    // Two copies of the redelivery: only one takes the failed record over.
    await log.markFailed(d, 'Throttling', at('2026-11-20T04:01:01Z'));
    const both = await Promise.all([log.claim(d, at('2026-11-20T04:02:00Z')), log.claim(d, at('2026-11-20T04:02:00Z'))]);
    expect(both.map((c) => c.outcome).sort()).toEqual(['busy', 'claimed']);
  });

  it('a claim still within its lease is busy; one older than the lease (its invocation died) is taken over', async () => {
    const d = draft();
    await log.claim(d, at('2026-11-20T05:00:00Z'));
    expect(await log.claim(d, at('2026-11-20T05:00:30Z'))).toEqual({ outcome: 'busy' });
    expect(await log.claim(d, new Date(Date.parse('2026-11-20T05:00:00Z') + LEASE_MS))).toEqual({ outcome: 'claimed', attempt: 2 });
  });

  it('records "no contact" once', async () => {
    const d = draft(undefined, 'none');
    await log.recordNoContact({ ...d, toMasked: null }, at('2026-11-20T06:00:00Z'));
    await log.recordNoContact({ ...d, toMasked: null }, at('2026-11-20T06:00:05Z'));
    expect(await log.get(d.dossierId, notificationSk(d))).toMatchObject({ status: 'no_contact', createdAt: '2026-11-20T06:00:00.000Z', toMasked: null });
    expect(await log.claim(d, at('2026-11-20T06:01:00Z'))).toEqual({ outcome: 'done', status: 'no_contact' });
  });

  it('lists one local day, newest first (the day index is the Hà Nội date, not UTC)', async () => {
    // 23:30 UTC on 31 Dec is 06:30 on 1 Jan in Hà Nội.
    const late = at('2030-12-31T23:30:00Z');
    const day = localDate(late);
    expect(day).toBe('2031-01-01');
    const first = draft();
    const second = draft();
    await log.claim(first, late);
    await log.claim(second, new Date(late.getTime() + 1000));
    const listed = (await log.listDay(day, 100)).filter((r) => [first.dossierId, second.dossierId].includes(r.dossierId));
    expect(listed.map((r) => r.dossierId)).toEqual([second.dossierId, first.dossierId]);
    expect((await log.listDay('2030-12-31', 100)).some((r) => r.dossierId === first.dossierId)).toBe(false);
  });
});
