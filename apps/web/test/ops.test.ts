import { describe, expect, it } from 'vitest';
import { formatAge } from '../src/format.ts';
import { parseHash, routeHash } from '../src/hooks/useHashRoute.ts';
import { opsHeaders } from '../src/ops/opsSession.ts';

const TASK = '5f1c2a8e-9d7b-4e1a-8c3f-2b6d4e8a1c90';

describe('operations page', () => {
  it('has its own hash routes: the overview and one task', () => {
    expect(parseHash('#/ops')).toEqual({ page: 'ops' });
    expect(parseHash('#/ops/elsewhere')).toEqual({ page: 'ops' });
    expect(parseHash(`#/ops/tasks/${TASK}`)).toEqual({ page: 'opsTask', taskId: TASK });
    for (const route of [{ page: 'ops' }, { page: 'opsTask', taskId: TASK }] as const) expect(parseHash(routeHash(route))).toEqual(route);
  });

  it('sends the token as a Bearer header and the name URI-encoded, and nothing before sign-in', () => {
    expect(opsHeaders(null)).toEqual({});
    expect(opsHeaders({ token: 'secret', operator: 'Zoë Ng' })).toEqual({ authorization: 'Bearer secret', 'x-sift-operator': 'Zo%C3%AB%20Ng' });
  });

  it('says how long ago something happened', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(formatAge('2026-11-24T11:57:00Z', now)).toBe('3 min ago');
    expect(formatAge('2026-11-24T12:00:05Z', now)).toBe('under 1 s ago'); // a clock a little ahead reads as now
  });
});
