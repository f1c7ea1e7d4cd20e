/**
 * §4.43: other trackers seen in the wild (low-confidence shapes in the reference), and Mozilla Glean.
 */
import type { CallSpec, SdkEntry } from '../types';

export const yandexMetrica: SdkEntry = {
  id: 'yandex-metrica',
  name: 'Yandex Metrica',
  vendor: 'Yandex',
  category: 'analytics',
  globals: { ym: 'ym' },
  types: {
    // `ym(counterId, command, ...args)`: the command is arg 1.
    ym: {
      call: {
        dispatch: {
          at: 'a1',
          cases: {
            init: { kind: 'other', silent: true },
            reachGoal: { kind: 'track', event: 'a2', props: 'a3' },
            hit: { kind: 'page', event: 'a2', props: 'a3.params' },
            params: { kind: 'other', props: 'a2' },
            userParams: { kind: 'identify', traits: 'a2' },
            setUserID: { kind: 'identify', identity: 'a2' },
          },
        },
      },
    },
  },
  hosts: ['mc.yandex.ru'],
  docs: 'tracking-sdks.md §4.43',
};

export const quoraPixel: SdkEntry = {
  id: 'quora-pixel',
  name: 'Quora Pixel',
  vendor: 'Quora',
  category: 'advertising',
  globals: { qp: 'qp' },
  types: {
    qp: {
      call: {
        dispatch: {
          at: 'a0',
          cases: {
            init: { kind: 'identify', traits: 'a2', technique: 'identity-matching', requireKeys: { path: 'a2', keys: ['*'] } },
            track: { kind: 'track', event: 'a1', props: 'a2' },
          },
        },
      },
    },
  },
  hosts: ['a.quora.com'],
  docs: 'tracking-sdks.md §4.43',
};

const CRITEO_ARGS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];

export const criteo: SdkEntry = {
  id: 'criteo',
  name: 'Criteo OneTag',
  vendor: 'Criteo',
  category: 'advertising',
  globals: { criteo_q: 'criteo_q' },
  types: {
    // One push carries several `{ event, ... }` objects (setAccount, setEmail, viewItem…): reported as
    // one call named by its last event, with the keys of all of them.
    criteo_q: {
      methods: {
        push: { kind: 'track', event: [...CRITEO_ARGS].reverse().map((a) => `${a}.event`), props: CRITEO_ARGS, allProps: true, exclude: ['event'] },
      },
    },
  },
  hosts: ['static.criteo.net'],
  docs: 'tracking-sdks.md §4.43',
};

const taboolaEvent: CallSpec = { kind: 'track', event: 'a0.name', props: 'a0.*', exclude: ['notify', 'name', 'id'] };

export const taboola: SdkEntry = {
  id: 'taboola',
  name: 'Taboola Pixel',
  vendor: 'Taboola',
  category: 'advertising',
  globals: { _tfa: 'tfa' },
  types: { tfa: { methods: { push: { dispatch: { at: 'a0.notify', cases: { event: taboolaEvent, action: taboolaEvent } } } } } },
  hosts: ['cdn.taboola.com'],
  docs: 'tracking-sdks.md §4.43',
};

export const outbrain: SdkEntry = {
  id: 'outbrain',
  name: 'Outbrain Pixel',
  vendor: 'Outbrain',
  category: 'advertising',
  globals: { obApi: 'obApi' },
  types: { obApi: { call: { dispatch: { at: 'a0', cases: { track: { kind: 'track', event: 'a1', props: 'a2' } } } } } },
  hosts: ['amplify.outbrain.com'],
  docs: 'tracking-sdks.md §4.43',
};

export const kissmetrics: SdkEntry = {
  id: 'kissmetrics',
  name: 'Kissmetrics',
  vendor: 'Kissmetrics',
  category: 'product-analytics',
  globals: { _kmq: 'kmq' },
  types: {
    kmq: {
      methods: {
        push: {
          dispatch: {
            at: 'a0[0]',
            cases: {
              record: { kind: 'track', event: 'a0[1]', props: 'a0[2]' },
              identify: { kind: 'identify', identity: 'a0[1]' },
              set: { kind: 'identify', traits: 'a0[1]' },
              alias: { kind: 'alias', identity: 'a0[1]', technique: 'identity-matching' },
              clearIdentity: { kind: 'reset' },
              trackClick: { kind: 'track', event: 'a0[2]' },
              trackSubmit: { kind: 'track', event: 'a0[2]' },
            },
          },
        },
      },
    },
  },
  docs: 'tracking-sdks.md §4.43',
};

const mouseflowRecord: CallSpec = { kind: 'other', technique: 'session-replay', masking: { default: 'none', rules: [] } };

export const mouseflow: SdkEntry = {
  id: 'mouseflow',
  name: 'Mouseflow',
  vendor: 'Mouseflow',
  category: 'session-replay',
  modules: { 'react-mouseflow': { mouseflow: 'mouseflow', default: 'mouseflow' } },
  globals: { _mfq: 'mfq', mouseflow: 'mouseflow' },
  types: {
    mfq: {
      methods: {
        push: {
          dispatch: {
            at: 'a0[0]',
            cases: {
              tag: { kind: 'other', named: { tag: 'a0[1]' } },
              setVariable: { kind: 'other', keyValue: { key: 'a0[1]', value: 'a0[2]' } },
              newPageView: { kind: 'page', event: 'a0[1]' },
              identify: { kind: 'identify', identity: 'a0[1]' },
              stop: { kind: 'consent' },
            },
          },
        },
      },
    },
    // Recording starts when the script loads (unless `mouseflowAutoStart = false`, then `mouseflow.start()`);
    // the legacy script logs keys on non-password inputs (`none`, techniques-b §B3.0).
    mouseflow: {
      methods: {
        start: mouseflowRecord,
        stop: { kind: 'consent' },
        identify: { kind: 'identify', identity: 'a0' },
        setVariable: { kind: 'other', keyValue: { key: 'a0', value: 'a1' } },
        tag: { kind: 'other', named: { tag: 'a0' } },
        newPageView: { kind: 'page', event: 'a0' },
        // react-mouseflow `mouseflow.initialize(projectId)` loads the recorder.
        initialize: mouseflowRecord,
      },
    },
  },
  hosts: ['cdn.mouseflow.com', 'o2.mouseflow.com'],
  docs: 'tracking-sdks.md §4.43, tracking-techniques-b.md §B3.9',
};

/** `$crisp.push(['set', 'user:email', [email]])`: the data key (arg 1) says what is sent. */
const crispUser = (key: string): CallSpec => ({ kind: 'identify', named: { [key]: 'a0[2][0]' } });

export const crisp: SdkEntry = {
  id: 'crisp',
  name: 'Crisp chat',
  vendor: 'Crisp',
  category: 'customer-messaging',
  globals: { $crisp: 'crisp' },
  types: {
    crisp: {
      methods: {
        push: {
          dispatch: {
            at: 'a0[1]',
            cases: {
              'user:email': crispUser('email'),
              'user:phone': crispUser('phone'),
              'user:nickname': crispUser('nickname'),
              'user:avatar': crispUser('avatar'),
              'user:company': crispUser('company'),
              'session:data': { kind: 'other' },
              'session:segments': { kind: 'other' },
              // `['set', 'session:event', [[[name, data, color]]]]`: args, list of events, event.
              'session:event': { kind: 'track', event: 'a0[2][0][0][0]', props: 'a0[2][0][0][1]' },
              'session:reset': { kind: 'reset' },
            },
          },
        },
      },
    },
  },
  docs: 'tracking-sdks.md §4.43',
};

export const drift: SdkEntry = {
  id: 'drift',
  name: 'Drift',
  vendor: 'Salesloft',
  category: 'customer-messaging',
  globals: { drift: 'drift' },
  types: {
    drift: {
      methods: {
        identify: { kind: 'identify', identity: 'a0', traits: 'a1' },
        track: { kind: 'track', event: 'a0', props: 'a1' },
        page: { kind: 'page', event: 'a0' },
        reset: { kind: 'reset' },
      },
      members: { api: 'api' },
    },
    api: { methods: { setUserAttributes: { kind: 'identify', traits: 'a0' } } },
  },
  docs: 'tracking-sdks.md §4.43',
};

export const zendesk: SdkEntry = {
  id: 'zendesk',
  name: 'Zendesk Messaging / Web Widget',
  vendor: 'Zendesk',
  category: 'customer-messaging',
  globals: { zE: 'zE' },
  types: {
    // `zE('messenger', 'loginUser', cb)`, `zE('webWidget', 'identify', {name, email})`: the command is arg 1.
    zE: {
      call: {
        dispatch: {
          at: 'a1',
          cases: {
            loginUser: { kind: 'identify' },
            logoutUser: { kind: 'reset' },
            identify: { kind: 'identify', traits: 'a2' },
            prefill: { kind: 'identify', traits: 'a2' },
            logout: { kind: 'reset' },
            conversationFields: { kind: 'other' },
            conversationTags: { kind: 'other' },
            cookies: { kind: 'consent' },
          },
        },
      },
    },
  },
  hosts: ['static.zdassets.com'],
  docs: 'tracking-sdks.md §4.43',
};

export const tawk: SdkEntry = {
  id: 'tawk',
  name: 'Tawk.to',
  vendor: 'tawk.to',
  category: 'customer-messaging',
  globals: { Tawk_API: 'tawk' },
  types: {
    tawk: {
      methods: {
        setAttributes: { kind: 'identify', traits: 'a0' },
        addEvent: { kind: 'track', event: 'a0', props: 'a1' },
        addTags: { kind: 'other' },
      },
    },
  },
  docs: 'tracking-sdks.md §4.43',
};

// ---------------------------------------------------------------- Mozilla Glean.js

const glean = { default: 'glean' };

export const gleanJs: SdkEntry = {
  id: 'glean',
  name: 'Mozilla Glean.js',
  vendor: 'Mozilla',
  category: 'analytics',
  modules: {
    '@mozilla/glean/web': glean,
    '@mozilla/glean/webext': glean,
    '@mozilla/glean/node': glean,
    '@mozilla/glean/metrics': { default: 'gleanMetrics' },
    '@mozilla/glean/private/metrics/event': { default: 'EventMetricType' },
  },
  types: {
    glean: {
      methods: {
        initialize: { kind: 'other', silent: true },
        setUploadEnabled: { kind: 'consent' },
      },
    },
    gleanMetrics: {
      methods: {
        pageLoad: { kind: 'page', props: 'a0' },
        recordElementClick: { kind: 'track', props: 'a0' },
      },
    },
    // Generated metrics: `new EventMetricType({ category, name, … }, [extraKeys])`, then `.record({ extras })`.
    // The event name sits in the constructor, so the record call has none.
    EventMetricType: { construct: 'eventMetric' },
    eventMetric: { methods: { record: { kind: 'track', props: 'a0' } } },
  },
  docs: 'https://mozilla.github.io/glean/book/',
};
