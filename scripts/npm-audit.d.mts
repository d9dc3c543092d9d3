/** Types of scripts/npm-audit.mjs (plain JavaScript run by CI; the tests import its parsers). */
export interface Advisory {
  package: string;
  severity: string;
  advisory: string;
  title: string;
  url: string;
}
export interface AllowedAdvisory {
  package: string;
  advisory: string;
  reason: string;
}
export declare function parseNpmAudit(text: string): { reachable: false; reason: string } | { reachable: true; advisories: Advisory[] };
export declare function blockingAdvisories(advisories: Advisory[], allow: AllowedAdvisory[]): Advisory[];
