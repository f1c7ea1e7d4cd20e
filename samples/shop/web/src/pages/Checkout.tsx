import { trackEvent, identifyCustomer } from '@/lib/analytics';
import { analytics } from '@/lib/segment';
import { gaEvent } from '@/lib/gtag';
import { whenConsented } from '@/lib/consent';

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
    email: order.customer.email,
  });

  // GA4 must never receive e-mail addresses, and the purchase event is not declared for GA4.
  gaEvent('purchase', { transaction_id: order.id, value: order.total, customer_email: order.customer.email });

  identifyCustomer(order.customer.id, { email: order.customer.email, phone: order.customer.phone, first_name: order.customer.firstName });

  // Marketing attribution: links this anonymous visitor to the customer id.
  whenConsented('marketing', () => analytics.alias(order.customer.id));
}

export function onCheckoutStep(step: number, stepName: string) {
  // The step name comes from the checkout router: Privet cannot know it statically.
  trackEvent(`Checkout ${stepName}`, { step });
}
