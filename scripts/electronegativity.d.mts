/** Types of scripts/electronegativity.mjs (plain JavaScript run by CI; the tests import its parsers). */
export declare const ELECTRONEGATIVITY: string;
export declare const ELECTRON_VERSION: string;
export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}
export interface AllowedFinding {
  check: string;
  file: string;
  reason: string;
}
export declare function parseElectronegativityCsv(text: string): Finding[];
export declare function triageFindings(findings: Finding[], allow: AllowedFinding[]): { unjustified: Finding[]; unused: AllowedFinding[] };
