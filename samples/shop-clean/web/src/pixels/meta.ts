import { whenConsented } from '@/lib/consent';

declare const fbq: (...args: unknown[]) => void;

/** Meta pixel purchase event, only after marketing consent. */
export function metaPurchase(value: number, currency: string) {
  whenConsented('marketing', () => {
    fbq('track', 'Purchase', { value, currency });
  });
}

/** Lead event, only after marketing consent. */
export function metaLead(source: string) {
  whenConsented('marketing', () => fbq('track', 'Lead', { source }));
}
