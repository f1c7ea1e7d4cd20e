import appsFlyer from 'react-native-appsflyer';
import { getAdvertisingId, getTrackingPermissionsAsync, requestTrackingPermissionsAsync } from 'expo-tracking-transparency';
import { getTrackingStatus } from 'react-native-tracking-transparency';

/** AppsFlyer install attribution (reads the IDFA / Android advertising ID), after the ATT prompt. */
export async function startAttribution() {
  const { status } = await requestTrackingPermissionsAsync();
  if (status !== 'granted') return;
  appsFlyer.initSdk({ devKey: 'K2aBcD3eF4gH5', appId: '1234567890', isDebug: false, onInstallConversionDataListener: true, timeToWaitForATTUserAuthorization: 10 });
}

/** Purchases for ad attribution: the customer id joins AppsFlyer's device to our customer record. */
export async function attributePurchase(customerId: string, total: number) {
  const status = await getTrackingStatus();
  if (status !== 'authorized') return;
  appsFlyer.setCustomerUserId(customerId);
  appsFlyer.logEvent('af_purchase', { af_revenue: total, af_currency: 'EUR' });
}

/** The advertising ID for our own install checks, once the user allowed tracking. */
export async function advertisingIdForFraudCheck(): Promise<string | null> {
  const { granted } = await getTrackingPermissionsAsync();
  if (!granted) return null;
  return getAdvertisingId();
}
