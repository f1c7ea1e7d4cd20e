declare global {
  interface Window {
    gtag?: (...args: unknown[]) => void;
    dataLayer?: unknown[];
  }
}

/** GA4 ecommerce events, sent straight to Google (not through Segment). */
export function gaEvent(name: string, params: Record<string, unknown>) {
  window.gtag?.('event', name, params);
}
