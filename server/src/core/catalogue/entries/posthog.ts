import type { SdkEntry, TypeSpec } from '../types';

const client: TypeSpec = {
  methods: {
    capture: { kind: 'track', event: 'a0', props: 'a1' },
    identify: { kind: 'identify', identity: 'a0', traits: 'a1' },
    alias: { kind: 'alias', identity: 'a0', technique: 'identity-matching' },
    group: { kind: 'group', identity: 'a1', traits: 'a2' },
    setPersonProperties: { kind: 'identify', traits: 'a0' },
    register: { kind: 'other', props: 'a0' },
    register_once: { kind: 'other', props: 'a0' },
    reset: { kind: 'reset' },
    opt_in_capturing: { kind: 'consent' },
    opt_out_capturing: { kind: 'consent' },
    init: { kind: 'other', silent: true, returns: 'client' },
  },
  members: { people: 'people' },
};

export const posthog: SdkEntry = {
  id: 'posthog',
  name: 'PostHog (posthog-js)',
  vendor: 'PostHog',
  category: 'product-analytics',
  modules: {
    'posthog-js': { default: 'client', posthog: 'client', PostHog: 'PostHogClass' },
    'posthog-js/react': { usePostHog: 'usePostHog' },
  },
  globals: { posthog: 'client' },
  types: {
    client,
    people: { methods: { set: { kind: 'identify', traits: 'a0' } } },
    usePostHog: { call: { kind: 'other', silent: true, returns: 'client' } },
    PostHogClass: { construct: 'client' },
  },
  hosts: ['us.i.posthog.com', 'eu.i.posthog.com', 'app.posthog.com', 'us-assets.i.posthog.com', 'eu-assets.i.posthog.com'],
  docs: 'tracking-sdks.md §4.10',
};

export const posthogNode: SdkEntry = {
  id: 'posthog-node',
  name: 'PostHog Node.js',
  vendor: 'PostHog',
  category: 'product-analytics',
  modules: { 'posthog-node': { PostHog: 'PostHog', default: 'PostHog' } },
  types: {
    PostHog: { construct: 'client' },
    client: {
      methods: {
        capture: { kind: 'track', event: 'a0.event', props: 'a0.properties', identity: 'a0.distinctId' },
        captureImmediate: { kind: 'track', event: 'a0.event', props: 'a0.properties', identity: 'a0.distinctId' },
        identify: { kind: 'identify', identity: 'a0.distinctId', traits: 'a0.properties' },
        alias: { kind: 'alias', identity: 'a0.distinctId', technique: 'identity-matching' },
        groupIdentify: { kind: 'group', identity: 'a0.groupKey', traits: 'a0.properties' },
      },
    },
  },
  docs: 'tracking-sdks.md §4.11',
};
