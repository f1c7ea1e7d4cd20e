import analytics from '@react-native-firebase/analytics';
import { getTrackingStatus } from 'react-native-tracking-transparency';

/** Screen views to Firebase (Google Analytics for Firebase collects the advertising ID). */
export async function onScreen(name: string) {
  await analytics().logScreenView({ screen_name: name, screen_class: name });
}

/** The checkout event, after checking the App Tracking Transparency status. */
export async function onCheckout(total: number) {
  if ((await getTrackingStatus()) !== 'authorized') return;
  await analytics().logEvent('begin_checkout', { value: total, currency: 'EUR' });
}
