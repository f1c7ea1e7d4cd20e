/**
 * Every catalogue entry. Adding an SDK: write its entry in a file of this folder (grouped by
 * vendor family), list it here, and add its fixtures under server/test/fixtures/sdks/.
 */
import type { SdkEntry } from '../types';
import { rudderstack, segment, segmentNode } from './segment';
import { ga4, gtm, universalAnalytics } from './google';
import { amplitude, amplitudeNode, heap, mixpanel, mixpanelNode, openpanel } from './productAnalytics';
import { fullstory, hotjar, logrocket } from './sessionTools';
import { hubspot, intercom } from './messaging';
import { posthog, posthogNode } from './posthog';
import { metaPixel } from './pixels';
import { linkedinInsight, pinterestTag, tiktokPixel, xPixel } from './adPixels';
import { matomo } from './matomo';
import { clarity, microsoftUet, redditPixel, snapPixel } from './adPixels2';
import { fathom, plausible, simpleAnalytics, umami, vercelAnalytics } from './privacyAnalytics';
import { snowplow } from './snowplow';
import { adobeAlloy, adobeAnalytics, adobeTags } from './adobe';
import { braze, customerio, customerioNode, klaviyo, pendo } from './engagement';
import { datadogRum, sentry } from './monitoring';
import { firebaseAnalytics } from './firebase';
import { getanalytics } from './getanalytics';
import { criteo, crisp, drift, gleanJs, kissmetrics, mouseflow, outbrain, quoraPixel, taboola, tawk, yandexMetrica, zendesk } from './others';
import { launchdarkly, launchdarklyNode, statsig, statsigNode } from './featureFlags';
import { contentsquare, rrweb, smartlook } from './sessionReplay';
import { amazonSes, mailgun, mandrill, postmark, resend, sendgrid, sparkpost } from './emailSending';
import { activecampaign, brevo, getresponse, hubspotApi, klaviyoNode, mailchimp, marketo, mautic, pardot, salesmanago, userCom } from './marketingAutomation';
import { albacross, bombora, clearbitReveal, demandbase, koala, leadfeeder, leadForensics, rb2b, sixsense, snitcher, vector, warmly, zoominfo } from './visitorIdentification';
import { euid, googleAdsApi, id5, liverampAts, metaCapi, prebid, uid2 } from './identityMatching';
import { clientjs, fingerprintjs, fingerprintjs2, fingerprintPro, thumbmarkjs } from './fingerprinting';
import { expoTrackingTransparency, fbsdkReactNative, googleMobileAds, idfaAaid, mixpanelReactNative, reactNativeIdfa, segmentReactNative } from './reactNative';
import { adjust, appsflyer, branch, kochava, singular } from './attribution';

export const allEntries: readonly SdkEntry[] = [segment, segmentNode, rudderstack, ga4, gtm, universalAnalytics, mixpanel, mixpanelNode, amplitude, amplitudeNode, heap, openpanel, posthog, posthogNode, fullstory, hotjar, logrocket, intercom, hubspot, metaPixel, tiktokPixel, linkedinInsight, xPixel, pinterestTag, matomo,
  // §4.23–§4.43 and others
  snapPixel, redditPixel, clarity, microsoftUet, plausible, fathom, umami, simpleAnalytics, vercelAnalytics, snowplow,
  adobeAnalytics, adobeTags, adobeAlloy, pendo, braze, customerio, customerioNode, klaviyo, sentry, datadogRum, firebaseAnalytics,
  getanalytics, yandexMetrica, quoraPixel, criteo, taboola, outbrain, kissmetrics, mouseflow, crisp, drift, zendesk, tawk, gleanJs,
  launchdarkly, launchdarklyNode, statsig, statsigNode,
  // tracking techniques (tracking-techniques-a.md, -b.md): session replay, e-mail sending, marketing automation,
  // visitor identification, identity matching, fingerprinting, React Native and attribution
  rrweb, smartlook, contentsquare,
  sendgrid, postmark, mailgun, amazonSes, mandrill, sparkpost, resend,
  salesmanago, marketo, pardot, activecampaign, mautic, brevo, getresponse, userCom, mailchimp, hubspotApi, klaviyoNode,
  clearbitReveal, leadfeeder, rb2b, sixsense, snitcher, koala, vector, albacross, leadForensics, warmly, demandbase, zoominfo, bombora,
  metaCapi, googleAdsApi, liverampAts, uid2, euid, id5, prebid,
  fingerprintjs, fingerprintPro, clientjs, thumbmarkjs, fingerprintjs2,
  segmentReactNative, mixpanelReactNative, fbsdkReactNative, expoTrackingTransparency, idfaAaid, reactNativeIdfa, googleMobileAds,
  appsflyer, adjust, branch, kochava, singular,
];
