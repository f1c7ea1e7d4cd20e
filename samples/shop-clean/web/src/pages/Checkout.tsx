import { trackEvent, identifyCustomer } from '@/lib/analytics';
import { analytics } from '@/lib/segment';
import { gaEvent } from '@/lib/gtag';
import { whenConsented } from '@/lib/consent';
import { enhancedConversion } from '@/lib/enhancedConversions';
import { deviceFingerprint } from '@/security/deviceCheck';

interface Order {
  id: string;
  total: number;
  coupon?: string;
  customer: { id: string; email: string; phone: string; firstName: string };
}

export function onOrderCompleted(order: Order) {
  trackEvent('Order Completed', {
    order_id: order.id,
    revenue: order.total,
    coupon: order.coupon,
  });

  gaEvent('purchase', { transaction_id: order.id, value: order.total });

  identifyCustomer(order.customer.id, { email: order.customer.email, phone: order.customer.phone, first_name: order.customer.firstName });

  // Marketing attribution: links this anonymous visitor to the customer id.
  whenConsented('marketing', () => analytics.alias(order.customer.id));
  enhancedConversion({ id: order.id, total: order.total, email: order.customer.email, phone: order.customer.phone });
  void fetch('/api/orders/verify', { method: 'POST', body: JSON.stringify({ order: order.id, device: deviceFingerprint() }) });
}

export function onCheckoutStep(step: number, stepName: string) {
  trackEvent('Checkout Step Viewed', { step, step_name: stepName });
}
