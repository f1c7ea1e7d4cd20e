import { AnalyticsBrowser } from '@segment/analytics-next';

/** The one Segment instance of the shop. */
export const analytics = AnalyticsBrowser.load({ writeKey: import.meta.env.VITE_SEGMENT_WRITE_KEY });
