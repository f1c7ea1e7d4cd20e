import { hasConsent } from './consent';

declare global {
  interface Window {
    gtag?: (...args: unknown[]) => void;
    dataLayer?: unknown[];
  }
}

/** GA4 ecommerce events, sent straight to Google (not through Segment), with analytics consent. */
export function gaEvent(name: string, params: Record<string, unknown>) {
  if (!hasConsent('analytics')) return;
  window.gtag?.('event', name, params);
}
