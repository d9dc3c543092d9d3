/** A source file handed to an importer: its name (for error messages and id detection) and its decoded text. */
export interface SourceFile {
  /** File name as the user gave it (basename or path), used in every error message. */
  name: string;
  /** Whole text, already decoded (UTF-8, BOM removed). */
  text: string;
  /**
   * CSV only: the records already parsed from `text` by `parseCsvRecordsAsync` (the import with progress, which
   * parses in chunks so a cancel can arrive); `readCsvTable` then uses them instead of parsing `text` again.
   */
  records?: string[][];
}
