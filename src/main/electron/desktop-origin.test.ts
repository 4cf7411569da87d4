import { expect, it } from 'vitest';
import { DESKTOP_STUDIO_ORIGIN } from '../../shared/net/request-access.js';
import { APP_ORIGIN } from './security-policy.js';

it("the SFU trusts exactly the desktop window's origin to host", () => {
  expect(DESKTOP_STUDIO_ORIGIN).toBe(APP_ORIGIN);
});
