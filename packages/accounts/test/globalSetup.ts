import { setupTestServer } from '@sift/db/testing';

export default function setup() {
  return setupTestServer();
}
