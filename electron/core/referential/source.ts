/** A source file handed to an importer: its name (for error messages and id detection) and its decoded text. */
export interface SourceFile {
  /** File name as the user gave it (basename or path), used in every error message. */
  name: string;
  /** Whole text, already decoded (UTF-8, BOM removed). */
  text: string;
}
