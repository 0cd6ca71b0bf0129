// Mail over SMTP (SIFT_SMTP_URL), against a real SMTP server this test starts on a random port:
// the operator's password reset link goes to the account's email and an owner's invitation to the
// address given, each link working when followed; a refused message is reported, the link still
// shown. The settings are checked when the server starts.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { client, startServer, type TestServer } from './serverHarness.ts';

const TOKEN = 'mail-test-admin-token-0123456789abcdef';
const SITE = 'https://sift.example.org';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  subject: string;
  text: string;
}

const received: Received[] = [];
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true, // on the loopback only, for the test
  onAuth(auth, _session, callback) {
    if (auth.username === 'sift' && auth.password === 'mail secret') callback(null, { user: auth.username });
    else callback(new Error('Invalid username or password'));
  },
  onRcptTo(address, _session, callback) {
    callback(address.address.startsWith('bounce@') ? new Error('No such mailbox') : null);
  },
  onData(stream, session, callback) {
    void simpleParser(stream).then((mail) => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        user: session.user,
        subject: mail.subject ?? '',
        text: mail.text ?? '',
      });
      callback();
    }, callback);
  },
});

let server: TestServer;
beforeAll(async () => {
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const { port } = smtp.server.address() as AddressInfo;
  server = await startServer({
    SIFT_ADMIN_TOKEN: TOKEN,
    SIFT_SMTP_URL: `smtp://sift:${encodeURIComponent('mail secret')}@127.0.0.1:${port}`,
    SIFT_MAIL_FROM: 'Sift <sift@example.org>',
    SIFT_PUBLIC_URL: SITE,
    SIFT_WORKERS: 'off',
  });
}, 60_000);
afterAll(async () => {
  await server.stop();
  await new Promise((resolve) => smtp.close(() => resolve(null)));
});

const linkIn = (text: string, kind: 'reset' | 'join') => text.match(new RegExp(`${SITE}/#/${kind}/([A-Za-z0-9_-]+)`))?.[1];

async function signUp(email: string, displayName: string) {
  const browser = client(server.baseUrl);
  expect((await browser.mutation('signUp', { email, displayName, password: 'a long enough password' })).status).toBe(200);
  return browser;
}

describe('mail over SMTP', () => {
  it("mails the operator's reset link to the account's email, and the link works", async () => {
    await signUp('gu@example.org', 'Gu');
    const operator = client(server.baseUrl, { authorization: `Bearer ${TOKEN}`, 'x-sift-operator': 'Dana' });
    const { body } = await operator.mutation<{ path: string; mailed: string }>('ops.issuePasswordReset', { email: 'GU@example.org' });
    expect(body.result!.data.mailed).toBe('sent');
    const mail = received.at(-1)!;
    expect(mail).toMatchObject({ from: 'sift@example.org', to: ['gu@example.org'], user: 'sift', subject: 'A link to set a new Sift password' });
    const token = linkIn(mail.text, 'reset')!;
    expect(`/#/reset/${token}`).toBe(body.result!.data.path); // the page shows the same link

    const stranger = client(server.baseUrl);
    const reset = await stranger.mutation<{ account: { email: string } }>('resetPassword', { token, password: 'a brand new password' });
    expect(reset.body.result!.data.account.email).toBe('gu@example.org');
    const actions = await operator.query<{ action: string; outcome: { mailed?: string } }[]>('ops.actions', { limit: 5 });
    expect(actions.body.result!.data.find((entry) => entry.action === 'issue-password-reset')!.outcome.mailed).toBe('sent');
  });

  it("mails an owner's invitation to the address given; following it joins the project", async () => {
    const owner = await signUp('olga@example.org', 'Olga');
    const project = (await owner.mutation<{ id: string }>('createProject', { name: 'Delirium review', question: '' })).body.result!.data;
    const { body } = await owner.mutation<{ path: string; mailed: string }>('createInvite', { projectId: project.id, role: 'reviewer', email: 'Rui@Example.org' });
    expect(body.result!.data.mailed).toBe('sent');
    const mail = received.at(-1)!;
    expect(mail.to).toEqual(['rui@example.org']);
    expect(mail.subject).toBe('Olga invites you to a review on Sift: Delirium review');
    expect(mail.text).toContain('as a reviewer');
    const token = linkIn(mail.text, 'join')!;
    expect(`/#/join/${token}`).toBe(body.result!.data.path);

    const rui = await signUp('rui@example.org', 'Rui');
    const joined = await rui.mutation<{ projectId: string; role: string }>('joinProject', { token });
    expect(joined.body.result!.data).toEqual({ projectId: project.id, role: 'reviewer' });
  });

  it('says when the mail server refuses a message, and still gives the link', async () => {
    const owner = await signUp('ann@example.org', 'Ann');
    const project = (await owner.mutation<{ id: string }>('createProject', { name: 'Another', question: '' })).body.result!.data;
    const before = received.length;
    const { body } = await owner.mutation<{ path: string; mailed: string }>('createInvite', { projectId: project.id, role: 'viewer', email: 'bounce@example.org' });
    expect(body.result!.data).toMatchObject({ mailed: 'failed', path: expect.stringMatching(/^\/#\/join\//) });
    expect(received.length).toBe(before);
    expect((await owner.query<{ mail: boolean }>('getSettings')).body.result!.data.mail).toBe(true);
  });

  it('checks the mail settings at start, naming what is wrong', () => {
    expect(() => loadConfig({ SIFT_SMTP_URL: 'smtp://mail.example.org:587' })).toThrow('SIFT_MAIL_FROM is needed with SIFT_SMTP_URL');
    expect(() => loadConfig({ SIFT_SMTP_URL: 'http://mail.example.org', SIFT_MAIL_FROM: 'sift@example.org' })).toThrow('SIFT_SMTP_URL takes the mail server as smtp://');
    expect(() => loadConfig({ SIFT_SMTP_URL: 'smtp://mail.example.org', SIFT_MAIL_FROM: 'not an address' })).toThrow('SIFT_MAIL_FROM takes an address');
    expect(loadConfig({ SIFT_SMTP_URL: '', SIFT_MAIL_FROM: '' }).SIFT_SMTP_URL).toBeUndefined(); // compose passes unset as empty
  });
});
