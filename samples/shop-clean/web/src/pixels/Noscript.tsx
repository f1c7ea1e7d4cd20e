// Hand-written pixels, outside any SDK, each after marketing consent.
import { hasConsent } from '@/lib/consent';

const META_PIXEL_ID = '1234567890';

/** The Meta pixel's noscript fallback, rendered for visitors without JavaScript. */
export function MetaNoscript() {
  if (!hasConsent('marketing')) return null;
  return (
    <noscript>
      <img height="1" width="1" style={{ display: 'none' }} alt="" src={`https://www.facebook.com/tr?id=${META_PIXEL_ID}&ev=PageView&noscript=1`} />
    </noscript>
  );
}

/** A LinkedIn conversion fired as an image beacon after sign-up. */
export function linkedInSignup() {
  if (!hasConsent('marketing')) return;
  new Image().src = 'https://px.ads.linkedin.com/collect/?pid=555&conversionId=9876&fmt=gif';
}
