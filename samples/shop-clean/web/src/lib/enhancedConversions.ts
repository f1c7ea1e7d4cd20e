// Google Ads enhanced conversions: the customer's e-mail and phone go to Google with the
// conversion, to match it to a signed-in Google user (identity matching), with marketing consent.
import { hasConsent } from './consent';

declare function gtag(...args: unknown[]): void;

export function enhancedConversion(order: { id: string; total: number; email: string; phone: string }) {
  if (!hasConsent('marketing')) return;
  gtag('set', 'user_data', { email: order.email, phone_number: order.phone });
  gtag('event', 'conversion', { send_to: 'AW-123456789/AbC-D_efG', value: order.total, currency: 'EUR', transaction_id: order.id });
}
