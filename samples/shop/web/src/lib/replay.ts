import posthog from 'posthog-js';

/** Product analytics and session replay (PostHog). */
export function startPostHog() {
  posthog.init(import.meta.env.VITE_POSTHOG_KEY, {
    api_host: 'https://eu.i.posthog.com',
    session_recording: { maskAllInputs: false },
  });
  posthog.capture('App Started', { theme: 'dark' });
}
