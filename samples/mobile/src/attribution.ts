import appsFlyer from 'react-native-appsflyer';
import { getAdvertisingId, requestTrackingPermissionsAsync } from 'expo-tracking-transparency';
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

/** The advertising ID for our own ad-fraud checks: read without asking first. */
export async function advertisingIdForFraudCheck(): Promise<string | null> {
  return getAdvertisingId();
}
