// Sift's outgoing mail (password reset links, invitations), through the SMTP server the operator
// configured (SIFT_SMTP_URL, with SIFT_MAIL_FROM) and nodemailer. Plain text only: a link and the
// sentence around it, nothing a mail client could run.
import nodemailer from 'nodemailer';
import type { Mail } from '@sift/api';
import type { Logger } from './logger.ts';
import type { MailSettings } from './config.ts';

/** Why a message did not go out goes to the log; the page only says that it did not. */
export function createMail(settings: MailSettings, log: Logger): Mail {
  // A connection per message: mail is rare (an invitation, a reset), so nothing is held open.
  const transport = nodemailer.createTransport(settings.url, { from: settings.from });
  return {
    async send(message) {
      try {
        await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        log.warn({ err: error, subject: message.subject }, 'mail not sent');
        throw error;
      }
    },
  };
}
