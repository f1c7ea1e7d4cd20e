/**
 * Every catalogue entry. Adding an SDK: write its entry in a file of this folder (grouped by
 * vendor family), list it here, and add its fixtures under server/test/fixtures/sdks/.
 */
import type { SdkEntry } from '../types';
import { segment, segmentNode } from './segment';
import { ga4, gtm, universalAnalytics } from './google';
import { posthog, posthogNode } from './posthog';
import { metaPixel } from './pixels';
import { matomo } from './matomo';

export const allEntries: readonly SdkEntry[] = [segment, segmentNode, ga4, gtm, universalAnalytics, posthog, posthogNode, metaPixel, matomo];
