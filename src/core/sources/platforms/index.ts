import { generic } from './generic.js';
import { googleForms } from './google-forms.js';
import { limesurvey } from './limesurvey.js';
import { longFormat } from './long.js';
import type { Platform } from './platform.js';
import { qualtrics } from './qualtrics.js';
import { surveymonkey } from './surveymonkey.js';

/**
 * Every survey platform servqual reads, in the order `--source` and the schema list them. A new
 * platform is one module beside these, added here (docs/ARCHITECTURE.md, "A new survey platform").
 */
export const PLATFORMS = [generic, googleForms, surveymonkey, qualtrics, limesurvey, longFormat] as const;

/** A platform's id: the values of `source.platform` and `--source`. */
export type PlatformId = (typeof PLATFORMS)[number]['id'];

/** The ids in listing order, as zod's enum and commander's choices take them. */
export const PLATFORM_IDS = PLATFORMS.map((p) => p.id) as [PlatformId, ...PlatformId[]];

/** The platform of a known id. */
export function platformById(id: PlatformId): Platform<PlatformId> {
  return PLATFORMS.find((p) => p.id === id) as Platform<PlatformId>;
}

/** The platform of an id read from a document, if there is one. */
export function findPlatform(id: unknown): Platform | undefined {
  return PLATFORMS.find((p) => p.id === id);
}

/** The registry, with `platform` added when it is not registered (a caller's own platform). */
export function platformsWith(platform: Platform): readonly Platform[] {
  return PLATFORMS.some((p) => p.id === platform.id) ? PLATFORMS : [...PLATFORMS, platform];
}

/** The platforms a person names with `--source`: every one but servqual's own CSV. */
export const EXPORT_PLATFORM_IDS: readonly string[] = PLATFORMS.filter((p) => p.layout !== 'generic').map((p) => p.id);
