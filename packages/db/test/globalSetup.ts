import { setupTestServer } from '../src/testing.ts';

export default function setup() {
  return setupTestServer();
}
