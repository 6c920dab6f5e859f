// The local outbox (local runtime only, never a declared route): what the notifications function
// "sent" on this machine, read back from the notifications table.
//   GET /local/outbox                      today's and yesterday's messages (Asia/Ho_Chi_Minh), newest first
//   GET /local/outbox?format=json          the same as JSON
//   GET /local/outbox/<dossierId>/<sk>.pdf the slip's PDF, regenerated from the stored slip document
// Addresses are shown masked, as stored.
import type { ServerResponse } from 'node:http';
import { dynamoClient } from '../shared/aws/clients';
import { tableName } from '../shared/config';
import { DynamoNotificationLog, type NotificationLog, type NotificationRecord } from '../functions/notifications/adapters/notification-log';
import { escapeHtml as e, formatDateTime, localDate } from '../functions/notifications/domain/text';
import { renderSlipPdf } from '../functions/notifications/pdf/slip-pdf';
import type { LocalRoute } from './gateway/server';

const PER_DAY = 100;

/** The latest notifications: today's, then yesterday's (local dates), newest first. */
export const latestNotifications = async (log: NotificationLog, now = new Date()): Promise<NotificationRecord[]> => {
  const days = [localDate(now), localDate(new Date(now.getTime() - 86_400_000))];
  const lists = await Promise.all(days.map((d) => log.listDay(d, PER_DAY)));
  return lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
};

const pdfPath = (r: NotificationRecord) => `/local/outbox/${encodeURIComponent(r.dossierId)}/${encodeURIComponent(r.sk)}.pdf`;

export const outboxPage = (records: NotificationRecord[]): string => {
  const rows = records.map((r) => `<tr>
<td>${e(formatDateTime(r.createdAt))}</td><td>${e(r.kind)}</td><td>${e(r.code ?? '')}</td><td>${e(r.channel)}</td>
<td>${e(r.toMasked ?? '—')}</td><td>${e(r.status)}${r.error ? ` (${e(r.error)})` : ''}</td>
<td><strong>${e(r.subject)}</strong>${r.slip ? ` · <a href="${e(pdfPath(r))}">PDF</a>` : ''}<pre>${e(r.text)}</pre></td>
</tr>`);
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Local outbox</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left;font-size:14px}
pre{white-space:pre-wrap;margin:.4rem 0 0;font-size:12px;color:#333}</style></head>
<body><h1>Local outbox</h1>
<p>Notifications recorded today and yesterday (Asia/Ho_Chi_Minh), newest first. Nothing leaves this machine.</p>
<table><thead><tr><th>At</th><th>Kind</th><th>Dossier code</th><th>Channel</th><th>To</th><th>Status</th><th>Message</th></tr></thead>
<tbody>
${rows.join('\n') || '<tr><td colspan="7">No notifications yet.</td></tr>'}
</tbody></table></body></html>`;
};

const reply = (res: ServerResponse, status: number, type: string, body: string | Uint8Array) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
};

export const outboxRoute = (
  log: NotificationLog = new DynamoNotificationLog(dynamoClient, () => tableName('notifications')),
): LocalRoute => async (req, res, _body, url) => {
  if (req.method !== 'GET' || !url.pathname.startsWith('/local/outbox')) return false;
  if (url.pathname === '/local/outbox' || url.pathname === '/local/outbox/') {
    const records = await latestNotifications(log);
    if (url.searchParams.get('format') === 'json') reply(res, 200, 'application/json', JSON.stringify({ items: records }));
    else reply(res, 200, 'text/html; charset=utf-8', outboxPage(records));
    return true;
  }
  const m = /^\/local\/outbox\/([^/]+)\/([^/]+)\.pdf$/.exec(url.pathname);
  let record: NotificationRecord | undefined;
  try {
    record = m ? await log.get(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)) : undefined;
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
  }
  if (!record?.slip) {
    reply(res, 404, 'text/plain; charset=utf-8', 'No slip here.');
    return true;
  }
  reply(res, 200, 'application/pdf', await renderSlipPdf(record, record.slip));
  return true;
};
