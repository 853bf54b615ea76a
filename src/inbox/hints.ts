/** What the run's first pass (./first-pass.ts) hands the cleaner for each input. */

/** What the run's first pass found for one input. */
export interface InputHints {
  /** Hashes of its template lines (lines found in several different articles of the run). */
  templates?: number[];
  /** Site names (as ../metadata/site-names.ts siteKey) at its title's ends that several pages' titles show. */
  titleSites?: string[];
}

/** The hints as options of the cleaner (only the fields that are there). */
export function inputHints(h: InputHints): InputHints {
  return { ...(h.templates ? { templates: h.templates } : {}), ...(h.titleSites ? { titleSites: h.titleSites } : {}) };
}
