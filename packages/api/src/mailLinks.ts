// The links Sift mails when SIFT_SMTP_URL is set: an operator's password reset link, and an
// owner's invitation to a project. The link is always shown where it was made as well, so a mail
// that does not go out loses nothing: the page says whether it went (why not is in the log).
import type { Context } from './trpc.ts';

/** `off`: this server sends no mail; `failed`: the mail server refused it or could not be reached. */
export type Mailed = 'sent' | 'failed' | 'off';

export async function mailLink(ctx: Pick<Context, 'mail'>, message: { to: string; subject: string; text: string }): Promise<Mailed> {
  if (!ctx.mail) return 'off';
  return ctx.mail.send(message).then(
    () => 'sent' as const,
    () => 'failed' as const,
  );
}
