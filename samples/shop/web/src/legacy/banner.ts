import { analytics } from '../lib/segment';

export function onBannerClick(bannerId: string) {
  analytics.track('Legacy Banner Clicked', { banner_id: bannerId });
}
