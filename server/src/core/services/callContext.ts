/**
 * What the manifest says about each detected call, before any rule runs: the destinations it
 * reaches, the declared category of each property (or identity trait), and the consent categories
 * its guard facts prove. The CLI's `calls[].destinations`, `properties[].category` and `guarded`
 * come from here.
 *
 * Consent is proven by the manifest's `consent.guards` and, for categories that map to a consent
 * tool's ids (`cmp`, `consent_mode`, `tcf`, `att`), by those tools' own checks. A category is
 * proven when any one of its ids is checked (`tcf: [7, 8]` is proven by `purpose.consents[7]`),
 * since each id is the tool's name for the same choice.
 */
import { posix } from 'node:path';
import { normalizePath } from '../analysis/guards';
import type { ConsentCategory, ConsentGuard, DeclaredEvent, Manifest } from '../manifest/types';
import { TODO } from '../manifest/types';
import type { GuardFact, TrackingCall } from '../types';

// ---------------------------------------------------------------------------------------------
// Events and destinations

/** A declared event a call is checked against (or the name it sends, when undeclared). */
export interface EventTarget {
  /** The event name as sent ('' for a page call without a name when no page event is declared). */
  name: string;
  declared: DeclaredEvent | null;
  /** A page call without a name, matched to a declared event of kind page. */
  implicitPage?: boolean;
}

/** True for calls that send an event (`track`, `page`). */
export function isEventCall(call: TrackingCall): boolean {
  return call.kind === 'track' || call.kind === 'page';
}

/** True for identity calls (`identify`, `alias`, `group`, advanced matching). */
export function isIdentityCall(call: TrackingCall): boolean {
  return call.kind === 'identify' || call.kind === 'alias' || call.kind === 'group';
}

function own<T>(rec: Record<string, T> | undefined, key: string): T | undefined {
  return rec && Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

/** The destinations an event may be sent to: its `destinations`, or those accepting one of its purposes. */
export function eventDestinations(ev: DeclaredEvent, m: Manifest): string[] {
  if (ev.destinations) return ev.destinations;
  return Object.values(m.destinations)
    .filter((d) => d.purposes.some((p) => p !== TODO && ev.purposes.includes(p)))
    .map((d) => d.name);
}

/**
 * The events a call is checked against. Every candidate name (a union of literals, an
 * `@privacy events=` annotation) is checked on its own. A page call without a name matches the
 * declared events of kind page (the first one whose destinations include the call's, else the
 * first one), or reports an empty name when none is declared.
 */
export function eventTargets(call: TrackingCall, m: Manifest | null): EventTarget[] {
  if (!isEventCall(call)) return [];
  const names = call.eventCandidates.length > 0 ? call.eventCandidates : call.event !== null ? [call.event] : [];
  if (names.length > 0) return [...new Set(names)].map((name) => ({ name, declared: m ? own(m.events, name) ?? null : null }));
  if (call.kind === 'page' && !call.eventDynamic && !call.insideWrapper) {
    const pages = m ? Object.values(m.events).filter((e) => e.kind === 'page' || e.kind === 'screen') : [];
    if (pages.length === 0) return [{ name: '', declared: null, implicitPage: true }];
    const dests = call.destinations ?? [];
    const best = pages.find((e) => eventDestinations(e, m!).some((d) => dests.includes(d))) ?? pages[0];
    return [{ name: best.name, declared: best, implicitPage: true }];
  }
  return [];
}

/** The destinations a call reaches by its SDK(s), or the tracker's/annotation's own list. */
export function destinationsOfCall(call: TrackingCall, m: Manifest | null, trackerDestinations?: string[]): string[] {
  if (trackerDestinations && trackerDestinations.length > 0) return [...trackerDestinations];
  if (!m) return [];
  const sdks = new Set([call.sdk, ...(call.sdks ?? [])]);
  const out: string[] = [];
  for (const d of Object.values(m.destinations)) {
    if (!d.sdk || d.sdk === TODO) continue;
    if (sdks.has(d.sdk) || sdks.has(`custom:${d.sdk}`)) out.push(d.name);
  }
  return out;
}

const ORIGINAL = Symbol('privet.trackerDestinations');

/** The destinations detection set (a tracker's), remembered so that annotating twice gives the same result. */
export function trackerDestinations(call: TrackingCall): string[] {
  const holder = call as TrackingCall & { [ORIGINAL]?: string[] };
  if (!holder[ORIGINAL]) Object.defineProperty(holder, ORIGINAL, { value: [...(call.destinations ?? [])], enumerable: false, configurable: true });
  return holder[ORIGINAL]!;
}

/**
 * Fills in `destinations`, `properties[].declared` and `guarded` of every call (in place).
 * Destinations already set (by a manifest tracker or an `@privacy tracker` annotation) are kept.
 */
export function annotateCalls(calls: TrackingCall[], manifest: Manifest | null, manifestDir: string): void {
  for (const call of calls) {
    try {
      call.destinations = destinationsOfCall(call, manifest, trackerDestinations(call));
      const targets = manifest ? eventTargets(call, manifest) : [];
      for (const p of call.properties) {
        let declared: string | null = null;
        if (manifest) {
          if (isIdentityCall(call)) {
            for (const d of call.destinations) {
              const t = own(own(manifest.identities, d)?.traits, p.key);
              if (t) {
                declared = t.category ?? null;
                break;
              }
            }
          } else {
            for (const t of targets) {
              const dp = t.declared && own(t.declared.properties, p.key);
              if (dp) {
                declared = dp.category ?? null;
                break;
              }
            }
          }
        }
        p.declared = declared;
      }
      call.guarded = manifest ? consentCategoriesProven(call.guardFacts ?? [], manifest, manifestDir) : [];
    } catch {
      call.destinations ??= [];
      call.guarded ??= [];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Consent

const ATT_VALUES = new Set(['authorized', 'granted']);
const CONSENT_MODE_TYPES = new Set([
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
]);

function lastSegment(path: string): string {
  const clean = path.replace(/\(\)$/, '');
  const i = clean.lastIndexOf('.');
  return i < 0 ? clean : clean.slice(i + 1);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function calleeMatches(callee: string, fn: string): boolean {
  const f = normalizePath(fn).replace(/\(\)$/, '');
  return callee === f || callee.endsWith('.' + f) || lastSegment(callee) === f;
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}

function stripModulePath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '')
    .replace(/\/index$/, '');
}

/** Whether a fact's module (an absolute resolved path or a package name) is the guard's `module`. */
export function moduleMatches(factModule: string | undefined, guardModule: string | undefined, manifestDir: string): boolean {
  if (!guardModule) return true;
  if (!factModule) return false;
  if (isAbsolutePath(factModule)) {
    const dir = manifestDir.replace(/\\/g, '/');
    const target = isAbsolutePath(guardModule) ? guardModule.replace(/\\/g, '/') : posix.resolve(dir || '/', guardModule.replace(/\\/g, '/'));
    return stripModulePath(factModule) === stripModulePath(target);
  }
  return factModule === guardModule;
}

function declaredCategory(m: Manifest, c: string | null | undefined): string | null {
  if (!c || c === TODO) return null;
  return own(m.consent.categories, c) ? c : null;
}

/** The categories one manifest guard proves from the facts. */
function guardProves(g: ConsentGuard, facts: GuardFact[], m: Manifest, dir: string, out: Set<string>): void {
  if (g.function) {
    for (const f of facts) {
      if (g.callback_arg !== undefined) {
        if (f.type !== 'callback' || f.callbackIndex !== g.callback_arg) continue;
      } else if (f.type !== 'call') continue;
      if (!calleeMatches(f.callee, g.function) || !moduleMatches(f.module, g.module, dir)) continue;
      const c = g.category_arg !== undefined ? f.args[g.category_arg] : g.category;
      const d = declaredCategory(m, c);
      if (d) out.add(d);
    }
  }
  if (g.expression) {
    const expr = normalizePath(g.expression);
    const d = declaredCategory(m, g.category);
    if (!d) return;
    for (const f of facts) {
      if (f.type === 'path' && f.path === expr) out.add(d);
      else if (f.type === 'call' && f.args.length === 0 && `${f.callee}()` === expr) out.add(d);
      else if (f.type === 'compare' && f.path === expr && f.value === 'true') out.add(d);
    }
  }
}

function ids(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String).filter((x) => x.length > 0);
}

/** Whether a consent tool's own check of `id` is among the facts. */
function cmpChecks(tool: string, id: string, facts: GuardFact[]): boolean {
  const e = escapeRe(id);
  const t = tool.toLowerCase().replace(/[^a-z]/g, '');
  for (const f of facts) {
    switch (t) {
      case 'cookiebot':
        // `Cookiebot.consent.statistics` (Cookiebot also exposes itself as `CookieConsent`).
        if (f.type === 'path' && new RegExp(`^(?:Cookiebot|CookieConsent)\\.consent\\.${e}$`).test(f.path)) return true;
        break;
      case 'onetrust':
        // `OnetrustActiveGroups.includes('C0004')`, `.indexOf(',C0004,') > -1`, `.split(',').includes(…)`.
        if (f.type === 'includes' && /^(?:OnetrustActiveGroups|OptanonActiveGroups)\b/.test(f.path) && f.value.replace(/,/g, '').trim() === id) return true;
        // `addEventListener('OneTrustGroupsUpdated', (e) => e.detail.includes('C0004'))`.
        if (f.type === 'includes' && /addEventListener\('OneTrustGroupsUpdated'\)\.detail$/.test(f.path) && f.value.replace(/,/g, '').trim() === id) return true;
        break;
      case 'didomi':
        if (f.type === 'call') {
          const last = lastSegment(f.callee);
          if ((last === 'getUserConsentStatusForPurpose' || last === 'getUserConsentStatusForVendor') && f.args[0] === id) return true;
        }
        if (f.type === 'path' && new RegExp(`(?:^|\\.)getCurrentUserStatus\\(\\)\\.(?:purposes|vendors)\\.${e}\\.enabled$`).test(f.path)) return true;
        break;
      case 'usercentrics':
        // v3: `details.services[ID].consent.given`, `details.consent.serviceIds.includes(ID)`.
        if (f.type === 'path' && new RegExp(`(?:^|\\.)services(?:\\.${e}|\\[${e}\\])\\.consent\\.given$`).test(f.path)) return true;
        if (f.type === 'includes' && /(?:^|\.)consent\.serviceIds$/.test(f.path) && f.value === id) return true;
        // v2: `UC_UI.getServicesBaseInfo().find((s) => s.id === ID).consent.status`.
        if (f.type === 'path' && new RegExp(`getServicesBaseInfo\\(\\)\\.(?:find|filter)\\(.*['"\`]${e}['"\`].*\\)(?:\\[0\\])?\\.consent\\.status$`).test(f.path)) return true;
        break;
      case 'osano':
        if (f.type === 'path' && f.path === `Osano.cm.${id}`) return true;
        if (f.type === 'compare' && f.path === `Osano.cm.getConsent().${id.toUpperCase()}` && f.value === 'ACCEPT') return true;
        break;
      case 'cookieconsent':
      case 'vanillacookieconsent':
        if (f.type === 'call') {
          const last = lastSegment(f.callee);
          if ((last === 'acceptedCategory' || last === 'allowedCategory') && f.args[0] === id) return true;
        }
        break;
      case 'termly':
        if (f.type === 'path' && new RegExp(`(?:^|\\.)getConsentState\\(\\)\\.${e}$`).test(f.path)) return true;
        break;
      case 'cookieyes':
        if (f.type === 'path' && new RegExp(`(?:^|\\.)?getCkyConsent\\(\\)\\.categories\\.${e}$`).test(f.path)) return true;
        break;
      case 'klaro':
        if (f.type === 'call' && /getManager\(\)\.getConsent$/.test(f.callee) && f.args[0] === id) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function consentModeChecks(types: string[], facts: GuardFact[]): boolean {
  return facts.some((f) => f.type === 'compare' && f.value === 'granted' && types.includes(lastSegment(f.path)));
}

function tcfChecks(purposes: number[], facts: GuardFact[]): boolean {
  return facts.some((f) => f.type === 'path' && purposes.some((n) => new RegExp(`(?:^|\\.)purpose\\.consents(?:\\.${n}|\\[${n}\\])$`).test(f.path)));
}

/** Permission APIs other than App Tracking Transparency: their `granted` proves nothing about tracking. */
const OTHER_PERMISSION = /camera|microphone|audio|location|notification|contacts|calendar|reminder|medialibrary|photo|bluetooth|motion|speech|health|biometric|PERMISSIONS\.(?:IOS|ANDROID)\.(?!APP_TRACKING_TRANSPARENCY)/i;
const ATT_API = /tracking|TRACKING_TRANSPARENCY|\batt\b|idfa|advertis/i;

/**
 * An App Tracking Transparency status of `authorized` / `granted` (`3` for Adjust's raw value).
 * A status that the facts show comes from another permission API (`const { status } = await
 * Camera.requestCameraPermissionsAsync()` records `Camera.requestCameraPermissionsAsync().status`
 * next to `status`) proves nothing.
 */
function attChecks(facts: GuardFact[]): boolean {
  const other = facts.filter((f): f is Extract<GuardFact, { type: 'compare' | 'path' }> => (f.type === 'compare' || f.type === 'path') && OTHER_PERMISSION.test(f.path));
  const explained = (value: string) => other.some((o) => (o.type === 'compare' ? o.value.toLowerCase() === value : value === 'granted' && lastSegment(o.path) === 'granted'));
  for (const f of facts) {
    if (f.type === 'compare') {
      const last = lastSegment(f.path);
      if (CONSENT_MODE_TYPES.has(last) || OTHER_PERMISSION.test(f.path)) continue;
      const v = f.value.toLowerCase();
      if (ATT_VALUES.has(v) && (ATT_API.test(f.path) || !explained(v))) return true;
      if (v === '3' && /status|att|tracking|authori/i.test(f.path)) return true;
      if (v === 'true' && last === 'granted' && (ATT_API.test(f.path) || !explained('granted'))) return true;
    } else if (f.type === 'path') {
      // Expo `perm.granted`, `trackingPermission.granted`.
      if (lastSegment(f.path) === 'granted' && !OTHER_PERMISSION.test(f.path) && (ATT_API.test(f.path) || !explained('granted'))) return true;
    } else if (f.type === 'call') {
      // Segment's `idfaPlugin.requestTrackingPermission()` resolves to a boolean; the bare
      // react-native-tracking-transparency function resolves to a (always truthy) status string.
      if (lastSegment(f.callee) === 'requestTrackingPermission' && f.callee.includes('.') && f.module !== 'react-native-tracking-transparency') return true;
    }
  }
  return false;
}

function categoryProvenByTools(c: ConsentCategory, facts: GuardFact[]): boolean {
  for (const [tool, v] of Object.entries(c.cmp ?? {})) for (const id of ids(v)) if (cmpChecks(tool, id, facts)) return true;
  if (c.consentMode?.length && consentModeChecks(c.consentMode, facts)) return true;
  if (c.tcf?.length && tcfChecks(c.tcf, facts)) return true;
  if (c.att && attChecks(facts)) return true;
  return false;
}

/**
 * The consent categories (names under `consent.categories`) that the guard facts of a call prove,
 * through the manifest's `consent.guards` and the consent tools' own checks. Sorted.
 */
export function consentCategoriesProven(facts: readonly GuardFact[], manifest: Manifest | null, manifestDir: string): string[] {
  if (!manifest || facts.length === 0) return [];
  const list = [...facts];
  const out = new Set<string>();
  for (const g of manifest.consent.guards) {
    try {
      guardProves(g, list, manifest, manifestDir, out);
    } catch {
      // A malformed guard proves nothing.
    }
  }
  for (const c of Object.values(manifest.consent.categories)) {
    if (out.has(c.name)) continue;
    try {
      if (categoryProvenByTools(c, list)) out.add(c.name);
    } catch {
      // ignore
    }
  }
  return [...out].sort();
}
