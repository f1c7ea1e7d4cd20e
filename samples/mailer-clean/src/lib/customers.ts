export interface Customer {
  id: string;
  email: string;
  firstName: string;
  /** Consent categories the customer granted in their account settings. */
  consents: string[];
  /** The customer asked not to be tracked in e-mails. */
  trackingOptOut: boolean;
  /** GA4 client id captured at checkout. */
  gaClientId?: string;
}

/** True when the customer granted this consent category. */
export function hasConsent(customer: Customer, category: string): boolean {
  return customer.consents.includes(category);
}
