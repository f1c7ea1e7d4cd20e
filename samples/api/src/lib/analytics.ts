import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';

const segment = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? '' });
const posthog = new PostHog(process.env.POSTHOG_KEY ?? '', { host: 'https://eu.i.posthog.com' });

/** Users who opted in to product analytics (loaded from the consent service). */
export function hasConsent(userId: string, category: 'analytics'): boolean {
  return consentStore.get(userId)?.includes(category) ?? false;
}
const consentStore = new Map<string, string[]>();

/** Server-side product analytics: Segment for the warehouse, PostHog for funnels. */
export function recordEvent(userId: string, event: string, properties: Record<string, string | number>) {
  segment.track({ userId, event, properties });
  posthog.capture({ distinctId: userId, event, properties });
}

export async function shutdownAnalytics() {
  await Promise.all([segment.closeAndFlush(), posthog.shutdown()]);
}
