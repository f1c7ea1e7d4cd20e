import { analytics } from './segment';
import { hasConsent } from './consent';

type Props = Record<string, string | number | boolean | null | undefined>;

/** Send a product-analytics event to Segment (and through it to GA4). */
export function trackEvent(name: string, props: Props = {}) {
  if (!hasConsent('analytics')) return;
  analytics.track(name, props);
}

/** Tie the anonymous visitor to the signed-in customer. */
export function identifyCustomer(id: string, traits: { email?: string; phone?: string; first_name?: string }) {
  if (!hasConsent('marketing')) return;
  analytics.identify(id, traits);
}
