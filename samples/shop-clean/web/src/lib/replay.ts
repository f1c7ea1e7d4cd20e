import posthog from 'posthog-js';
import { hasConsent } from './consent';

/** Product analytics and session replay (PostHog), inputs masked, only with analytics consent. */
export function startPostHog() {
  if (!hasConsent('analytics')) return;
  posthog.init(import.meta.env.VITE_POSTHOG_KEY, {
    api_host: 'https://eu.i.posthog.com',
    session_recording: { maskAllInputs: true },
  });
  posthog.capture('App Started', { theme: 'dark' });
}
