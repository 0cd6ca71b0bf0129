// "Try again" only where a retry can help.
import { describe, expect, it } from 'vitest';
import { canRetry, permanentFailureHint } from '../src/components/taskRetry.ts';

describe('try again', () => {
  it('is offered for cancelled tasks and failures outside the input', () => {
    expect(canRetry({ state: 'cancelled', error: null })).toBe(true);
    for (const code of ['internal', 'batches_failed', 'too_large_to_read', 'llm_not_configured']) expect(canRetry({ state: 'error', error: { code } }), code).toBe(true);
    expect(canRetry({ state: 'error', error: null })).toBe(true);
  });

  it('is not offered where the same input fails the same way', () => {
    for (const code of ['corrupt', 'empty', 'unsupported', 'no_header', 'no_sheet', 'unknown_format', 'too_large', 'upload_missing']) {
      expect(canRetry({ state: 'error', error: { code } }), code).toBe(false);
    }
    expect(canRetry({ state: 'ready', error: null })).toBe(false);
    expect(canRetry({ state: 'running', error: null })).toBe(false);
  });

  it('says what to do instead, in the words of the task', () => {
    expect(permanentFailureHint('spreadsheet')).toMatch(/^Trying this file again/);
    expect(permanentFailureHint('screening')).toMatch(/do what the message above says first/);
  });
});
