import type request from 'supertest';
import { type RunningAdminApi } from '../../support/admin-api';

/**
 * Runs a request that must be refused: checks its status, code and problem shape, and that the
 * event log did not move (GET /health's head position).
 */
export async function expectRefused(
  api: RunningAdminApi,
  send: () => Promise<request.Response>,
  status: number,
  code: string,
): Promise<request.Response> {
  const head = await api.headPosition();
  const response = await send();
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    type: `urn:marginalia:problem:${code}`,
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  expect(await api.headPosition()).toBe(head);
  return response;
}
