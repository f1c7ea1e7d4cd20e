/**
 * B2B visitor and company identification (tracking-techniques-a.md §A2): tags that send the
 * visitor's IP, page and cookie id to a vendor that maps them to a company or, for person-level
 * vendors, to a named person. Presence alone is the technique: these tags are usually loaded by a
 * script tag (`hosts`), and every call of their JS API (load, identify, track) carries technique
 * `visitor-identification`; identify calls are still identity calls (kind `identify`).
 * Tags with no JS API (Albacross `_nQc`, Lead Forensics, Warmly, Demandbase, ZoomInfo, Bombora)
 * are listed by their hosts only.
 */
import type { CallSpec, SdkEntry } from '../types';

const VI = 'visitor-identification' as const;
const load: CallSpec = { kind: 'other', technique: VI };

// ---------------------------------------------------------------- Clearbit Reveal / HubSpot Breeze Intelligence

export const clearbitReveal: SdkEntry = {
  id: 'clearbit-reveal',
  name: 'Clearbit Reveal (HubSpot Breeze Intelligence)',
  vendor: 'HubSpot (Clearbit)',
  category: 'identity',
  // Server: `require('clearbit')(secretKey).Reveal.find({ ip })` looks up the company behind an IP.
  modules: { clearbit: { default: 'factory', '*': 'factory', Client: 'ClientClass' } },
  types: {
    factory: { call: { kind: 'other', silent: true, returns: 'client' }, members: { Client: 'ClientClass' } },
    ClientClass: { construct: 'client' },
    client: { members: { Reveal: 'reveal', Enrichment: 'enrichment', Company: 'company', Person: 'person' } },
    reveal: { methods: { find: { kind: 'other', technique: VI, named: { ip: 'a0.ip' } } } },
    // Enrichment: a known e-mail or domain sent for a person / company profile.
    enrichment: { methods: { find: { kind: 'other', named: { email: 'a0.email', domain: 'a0.domain' } } } },
    person: { methods: { find: { kind: 'other', named: { email: 'a0.email' } } } },
    company: { methods: { find: { kind: 'other', named: { domain: 'a0.domain' } } } },
  },
  hosts: ['tag.clearbitscripts.com', 'reveal.clearbit.com', 'x.clearbitjs.com'],
  docs: 'tracking-techniques-a.md §A2',
};

// ---------------------------------------------------------------- Leadfeeder / Dealfront

const leadfeederMethods = {
  identify: { kind: 'identify' as const, identity: 'a0.email', traits: 'a0', technique: VI },
  track: { kind: 'track' as const, event: ['a0', 'a0.eventName', 'a0.name'], props: ['a1', 'a0.properties'], technique: VI },
  pageview: { kind: 'page' as const, event: ['a0', 'a0.pageUrl', 'a0.url'], technique: VI },
  getTracker: { kind: 'other' as const, silent: true, returns: 'ldfdr' },
};

export const leadfeeder: SdkEntry = {
  id: 'leadfeeder',
  name: 'Leadfeeder / Dealfront Web Visitors',
  vendor: 'Dealfront',
  category: 'identity',
  globals: { ldfdr: 'ldfdr' },
  types: { ldfdr: { methods: leadfeederMethods } },
  hosts: ['sc.lfeeder.com', 'lftracker.leadfeeder.com'],
  docs: 'tracking-techniques-a.md §A2',
};

// ---------------------------------------------------------------- RB2B (person-level)

export const rb2b: SdkEntry = {
  id: 'rb2b',
  name: 'RB2B',
  vendor: 'RB2B',
  category: 'identity',
  globals: { reb2b: 'reb2b' },
  types: {
    reb2b: {
      methods: {
        load,
        identify: { kind: 'identify', identity: 'a0', traits: 'a1', identityMayBeTraits: true, technique: VI },
        collect: { kind: 'other', props: 'a0', technique: VI },
      },
    },
  },
  // Script `https://s3-us-west-2.amazonaws.com/b2bjsstore/b/<KEY>/reb2b.js.gz` (a shared S3 host) or the CDN below.
  hosts: ['ddwl4m2hdecbv.cloudfront.net', 'b2bjsstore.s3.us-west-2.amazonaws.com'],
  docs: 'tracking-techniques-a.md §A2',
};

// ---------------------------------------------------------------- 6sense

export const sixsense: SdkEntry = {
  id: '6sense',
  name: '6sense',
  vendor: '6sense',
  category: 'identity',
  globals: { _6si: '6si' },
  types: {
    // `_6si.push(['setToken', t])` is in every snippet: it is the reported load call; the other settings are silent.
    '6si': {
      methods: {
        push: {
          dispatch: {
            at: 'a0[0]',
            cases: {
              setToken: load,
              enableEventTracking: { kind: 'other', silent: true },
              setEndpoint: { kind: 'other', silent: true },
              setEpsilonKey: { kind: 'other', silent: true },
              setBlacklistFields: { kind: 'other', silent: true },
              // Company Details API: the visitor's company and intent scores come back to the page.
              enableCompanyDetails: load,
            },
          },
        },
      },
    },
  },
  hosts: ['j.6sc.co', 'b.6sc.co', 'epsilon.6sense.com'],
  docs: 'tracking-techniques-a.md §A2',
};

// ---------------------------------------------------------------- Snitcher

export const snitcher: SdkEntry = {
  id: 'snitcher',
  name: 'Snitcher',
  vendor: 'Snitcher',
  category: 'identity',
  globals: { snid: 'snid' },
  types: {
    snid: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            verify: load,
            track: { kind: 'track', event: 'a1', props: 'a2', technique: VI },
            page: { kind: 'page', event: 'a1', technique: VI },
          },
        },
      },
    },
  },
  hosts: ['snid.snitcher.com', 'collect.snitcher.com', 'cdn.snitcher.com'],
  docs: 'tracking-techniques-a.md §A2',
};

// ---------------------------------------------------------------- Koala (person-level signals)

export const koala: SdkEntry = {
  id: 'koala',
  name: 'Koala',
  vendor: 'Koala',
  category: 'identity',
  globals: { ko: 'ko' },
  types: {
    // `ko.identify(email, traits?)`, `ko.track(event, props?)`. Knockout's `ko` shares the name: only string
    // arguments are Koala's (`ko.track(viewModel)` of knockout-es5 is not).
    ko: {
      methods: {
        identify: {
          dispatch: {
            at: 'a0',
            cases: {},
            default: { kind: 'identify', identity: 'a0', traits: 'a1', technique: VI },
            value: { kind: 'identify', identity: 'a0', traits: 'a1', technique: VI },
            object: { kind: 'identify', traits: 'a0', identity: 'a0.email', technique: VI },
          },
        },
        track: { dispatch: { at: 'a0', cases: {}, default: { kind: 'track', event: 'a0', props: 'a1', technique: VI } } },
      },
    },
  },
  hosts: ['cdn.getkoala.com', 'api2.getkoala.com'],
  docs: 'tracking-techniques-a.md §A2',
};

// ---------------------------------------------------------------- Vector (person-level, ad audiences)

export const vector: SdkEntry = {
  id: 'vector',
  name: 'Vector',
  vendor: 'Vector',
  category: 'identity',
  globals: { vector: 'vector' },
  types: {
    vector: {
      methods: {
        load: { dispatch: { at: 'a0', cases: {}, default: load, value: load } },
        identify: { dispatch: { at: 'a0', cases: {}, default: { kind: 'identify', identity: 'a0', technique: VI }, value: { kind: 'identify', identity: 'a0', technique: VI } } },
      },
    },
  },
  hosts: ['cdn.vector.co'],
  docs: 'tracking-techniques-a.md §A2',
};

// ---------------------------------------------------------------- Tags with no JS API

const hostsOnly = (id: string, name: string, vendor: string, hosts: string[]): SdkEntry => ({ id, name, vendor, category: 'identity', types: {}, hosts, docs: 'tracking-techniques-a.md §A2' });

export const albacross = hostsOnly('albacross', 'Albacross', 'Albacross', ['serve.albacross.com']);
export const leadForensics = hostsOnly('lead-forensics', 'Lead Forensics', 'Lead Forensics', ['secure.leadforensics.com']);
export const warmly = hostsOnly('warmly', 'Warmly', 'Warmly', ['opps-widget.getwarmly.com']);
export const demandbase = hostsOnly('demandbase', 'Demandbase tag', 'Demandbase', ['tag.demandbase.com', 'api.company-target.com']);
export const zoominfo = hostsOnly('zoominfo', 'ZoomInfo WebSights', 'ZoomInfo', ['ws.zoominfo.com', 'js.zi-scripts.com']);
export const bombora = hostsOnly('bombora', 'Bombora', 'Bombora', ['ml314.com']);
