/**
 * The fideslang taxonomy (data categories and data uses), "fideslang by Ethyca, CC BY 4.0"
 * (see NOTICE.md). Keys are kept unchanged so manifests stay compatible with other fideslang tools.
 */
import categoriesJson from './data_categories.json';
import usesJson from './data_uses.json';

/** One taxonomy node. */
export interface TaxonomyNode {
  key: string;
  name: string;
  description: string;
  parent: string | null;
}

function load(list: { fides_key: string; name: string; description: string; parent_key: string | null }[]): Map<string, TaxonomyNode> {
  const map = new Map<string, TaxonomyNode>();
  for (const c of list) map.set(c.fides_key, { key: c.fides_key, name: c.name, description: c.description, parent: c.parent_key });
  return map;
}

/** The 85 fideslang data categories by key. */
export const dataCategories: ReadonlyMap<string, TaxonomyNode> = load(categoriesJson.data_category);
/** The fideslang data uses by key. */
export const dataUses: ReadonlyMap<string, TaxonomyNode> = load(usesJson.data_use);

/** The pseudo-category for data that is not about a person. */
export const NONE_CATEGORY = 'none';

/** True when `category` is `ancestor` or one of its descendants (`user.contact.email` is within `user.contact`). */
export function isWithin(category: string, ancestor: string): boolean {
  return category === ancestor || category.startsWith(ancestor + '.');
}

/** GDPR Art. 9 / Art. 10 special categories and children's data (fideslang keys). */
export const specialCategoryRoots: readonly string[] = [
  'user.health_and_medical',
  'user.biometric',
  'user.authorization.biometric',
  'user.childrens',
  'user.criminal_history',
  'user.demographic.political_opinion',
  'user.demographic.race_ethnicity',
  'user.demographic.religious_belief',
  'user.demographic.sexual_orientation',
];

/** True when the category is special-category (Art. 9/10) or children's data. */
export function isSpecialCategory(category: string): boolean {
  return specialCategoryRoots.some((root) => isWithin(category, root));
}

/** True when a category is about a person (anything under `user.`). */
export function isPersonalCategory(category: string): boolean {
  return category.startsWith('user.') || category === 'user';
}
