// Marketing tags that wait for the visitor's Cookiebot choice. The manifest maps the consent
// categories to Cookiebot's (`cmp: { cookiebot: … }`), so these checks need no `guards:` entry.
declare const fbq: (...args: unknown[]) => void;

/** AddToCart for Meta ads, once the visitor accepted marketing cookies. */
export function metaAddToCart(value: number) {
  window.addEventListener('CookiebotOnAccept', () => {
    if (window.Cookiebot?.consent?.marketing) fbq('track', 'AddToCart', { value, currency: 'EUR' });
  });
}

/** Search for Meta ads, with marketing consent. */
export function metaSearch(query: string) {
  if (window.Cookiebot?.consent?.marketing) fbq('track', 'Search', { search_string: query });
}

declare global {
  interface Window {
    Cookiebot?: { consent: { necessary: boolean; preferences: boolean; statistics: boolean; marketing: boolean } };
  }
}
