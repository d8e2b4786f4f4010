import nodemailer from 'nodemailer';
import type { SendResult } from './webhook-channel.js';
import type { EmailContent } from './outgoing-message.js';

/** The SMTP server as the sender uses it: the password decrypted, for this send only. */
export interface SmtpTransport {
  host: string;
  port: number;
  secure: boolean;
  from: string;
  user: string | null;
  password: string | null;
}

/** The domain message ids are made in: the sender address's. */
export function messageIdDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split('@')[1]?.trim().toLowerCase() || 'intake.invalid';
}

/** Sends one email over SMTP with nodemailer; threading headers come from the content. */
export async function sendEmail(smtp: SmtpTransport, to: string, content: EmailContent, idempotencyKey: string, timeoutMs = 15_000): Promise<SendResult> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: smtp.from,
      to,
      subject: content.subject,
      text: content.text,
      messageId: content.messageId,
      ...(content.inReplyTo ? { inReplyTo: content.inReplyTo } : {}),
      ...(content.references.length ? { references: content.references } : {}),
      headers: { 'X-Intake-Event-Id': idempotencyKey },
    });
    return { ok: true, statusCode: null, error: null };
  } catch (error) {
    const e = error as { responseCode?: number; code?: string; message?: string };
    // The server's words, never our credentials (nodemailer does not echo the password).
    return { ok: false, statusCode: e.responseCode ?? null, error: `the SMTP server refused or could not be reached: ${e.code ? `${e.code} ` : ''}${(e.message ?? '').slice(0, 200)}` };
  } finally {
    transport.close();
  }
}
