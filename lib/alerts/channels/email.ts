// Email over SMTP (nodemailer): a plain-text message per trigger and resolve to the rule's
// recipients. The SMTP server is the operator's (SMTP_URL, ALERT_EMAIL_FROM), not a tenant's; its
// host still passes the outbound guard, and the connection goes to the checked address (the name
// is kept for TLS) so the host cannot be re-pointed between check and connect.
import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import { hostOf, refusedAddress, systemLookup, type Lookup } from '@/lib/outbound';
import { countsInWords, type AlertMessage, type DeliveryOutcome } from './message';
import type { PostContext } from './http-post';

export interface EmailTarget {
  channel: 'email';
  recipients: string[];
}

export interface SmtpSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 (TLS from the start) */
  url: string;
  from: string;
}

export function emailMessage(message: AlertMessage) {
  const resolved = message.type === 'resolved';
  const subject = `[Waybill] ${resolved ? 'Resolved' : 'Alert'}: ${message.rule.name}`;
  const text = [
    resolved ? `Resolved: ${message.reason}` : message.reason,
    '',
    `Counts: ${countsInWords(message.counts) || 'none'}`,
    `Occurrences: ${message.event.occurrences}`,
    ...(message.errorClass ? [`Class: ${message.errorClass}`] : []),
    `First seen: ${message.firstAt}`,
    resolved
      ? `Resolved at: ${message.resolvedAt ?? message.lastAt}`
      : `Last seen: ${message.lastAt}`,
    '',
    `Open in Waybill: ${message.link}`,
    '',
    `Rule "${message.rule.name}" (${message.rule.kind}).`,
  ].join('\n');
  // a thread per alert event in mail clients: the resolve refers to the trigger
  const threadId = `<${message.event.id}@alerts.waybill>`;
  return { subject, text, headers: { 'X-Waybill-Alert': message.id }, threadId };
}

export async function sendEmail(
  target: EmailTarget,
  message: AlertMessage,
  smtp: SmtpSettings | undefined,
  ctx: PostContext,
): Promise<DeliveryOutcome> {
  if (!smtp) return { ok: false, error: 'email is not configured (SMTP_URL, ALERT_EMAIL_FROM)' };
  let url: URL;
  try {
    url = new URL(smtp.url);
  } catch {
    return { ok: false, error: 'SMTP_URL is not a valid URL' };
  }
  const host = hostOf(url);
  const pinned = await guardedAddress(host, ctx.allowHosts ?? [], ctx.lookup ?? systemLookup);
  if (!pinned.ok) return pinned;
  const secure = url.protocol === 'smtps:';
  const transport = createTransport({
    host: pinned.address,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    ...(url.username && {
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    }),
    // certificates are checked against the name, not the pinned address
    tls: { servername: host },
    connectionTimeout: ctx.timeoutMs,
    greetingTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs,
  });
  const mail = emailMessage(message);
  try {
    await transport.sendMail({
      from: smtp.from,
      to: target.recipients,
      subject: mail.subject,
      text: mail.text,
      headers: mail.headers,
      ...(message.type === 'triggered'
        ? { messageId: mail.threadId }
        : { inReplyTo: mail.threadId, references: [mail.threadId] }),
    });
    return { ok: true };
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
    return { ok: false, error: `the SMTP server refused the message${code ? ` (${code})` : ''}` };
  } finally {
    transport.close();
  }
}

async function guardedAddress(
  host: string,
  allowHosts: readonly string[],
  lookup: Lookup,
): Promise<{ ok: true; address: string } | { ok: false; error: string }> {
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host).catch(() => []);
  const first = addresses[0];
  if (!first) return { ok: false, error: "the SMTP server's host name is unknown" };
  const refused = refusedAddress(host, addresses, allowHosts);
  if (refused)
    return {
      ok: false,
      error: `refused: the SMTP host ${host} resolves to ${refused.address}, ${refused.why}`,
    };
  return { ok: true, address: first.address };
}
