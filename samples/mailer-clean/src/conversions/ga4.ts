import { hasConsent, type Customer } from '../lib/customers';
import { sha256Email } from '../lib/hash';

const MP = `https://www.google-analytics.com/mp/collect?measurement_id=${process.env.GA4_ID}&api_secret=${process.env.GA4_SECRET}`;

/** Refunds processed by support, sent to GA4 with the customer's hashed e-mail (user-provided data). */
export async function reportRefund(c: Customer, orderId: string, value: number) {
  if (!hasConsent(c, 'marketing')) return;
  await fetch(MP, {
    method: 'POST',
    body: JSON.stringify({
      client_id: c.gaClientId ?? c.id,
      user_data: { sha256_email_address: [sha256Email(c.email)] },
      events: [{ name: 'refund', params: { transaction_id: orderId, value, currency: 'EUR' } }],
    }),
  });
}
