import { trackEvent } from '../lib/analytics';

export function onBannerClick(bannerId: string) {
  trackEvent('Legacy Banner Clicked', { banner_id: bannerId });
}
