export type ConsentCategory = 'analytics' | 'marketing';

const granted = new Set<ConsentCategory>();

/** True once the visitor accepted this category in the consent banner. */
export function hasConsent(category: ConsentCategory): boolean {
  return granted.has(category);
}

/** Runs `fn` now if the category is granted, otherwise as soon as it is. */
export function whenConsented(category: ConsentCategory, fn: () => void): void {
  if (granted.has(category)) fn();
  else pending.push([category, fn]);
}

const pending: [ConsentCategory, () => void][] = [];

export function grant(category: ConsentCategory): void {
  granted.add(category);
  for (const [c, fn] of pending.splice(0)) if (c === category) fn();
}
