export { setupTaskTestServer as default } from '@sift/tasks/testing';
