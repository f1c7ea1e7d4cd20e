import { hasConsent, type Customer } from '../lib/customers';
import { sha256Email } from '../lib/hash';

const PIXEL_ID = process.env.META_PIXEL_ID;
const TOKEN = process.env.META_CAPI_TOKEN;

/** Offline purchases (store and phone orders) matched to Meta users by hashed e-mail. */
export async function uploadStorePurchase(c: Customer, order: { id: string; total: number; at: Date }) {
  if (!hasConsent(c, 'marketing')) return;
  await fetch(`https://graph.facebook.com/v19.0/${PIXEL_ID}/events?access_token=${TOKEN}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      data: [
        {
          event_name: 'Purchase',
          event_time: Math.floor(order.at.getTime() / 1000),
          action_source: 'physical_store',
          user_data: { em: [sha256Email(c.email)], external_id: [c.id] },
          custom_data: { value: order.total, currency: 'EUR', order_id: order.id },
        },
      ],
    }),
  });
}

/** Newsletter sign-ups as leads, for customers who granted marketing consent. */
export async function uploadLead(c: Customer) {
  if (!hasConsent(c, 'marketing')) return;
  await fetch(`https://graph.facebook.com/v19.0/${PIXEL_ID}/events?access_token=${TOKEN}`, {
    method: 'POST',
    body: JSON.stringify({ data: [{ event_name: 'Lead', action_source: 'email', user_data: { em: [sha256Email(c.email)] } }] }),
  });
}
