/**
 * The application core of one open workspace (ARCHITECTURE.md "Layers": Electron-free, used by the Electron
 * shell, the CLI and the browser mode). `createCore` opens — or on first start creates — the current workspace of
 * a data dir and binds every service to it; the tRPC router only validates input and calls these methods.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { Referential, ScoreResult } from '../../shared/domain';
import type { Personnalisation } from '../../shared/scoring';
import type { Question } from '../../shared/personnalisation';
import type { Actor } from '../../shared/roles';
import { type Backups, backupBeforeMigration, createBackups } from './backup';
import { backupsDir } from './backup/files';
import { openDatabase } from './db/open';
import { seedWorkspace } from './demo';
import { createEvidenceStore, type EvidenceStore } from './evidence/store';
import { readSettings, workspacePaths, writeSettings } from './paths';
import { storageError } from './storage-errors';
import type { ImportOptions } from './referential';
import { readSourceFile, type BinarySourceFile } from './referential/decode';
import type { SourceFile } from './referential/source';
import type { ServiceContext } from './services/context';
import { bindActorName } from './services/actor';
import * as audit from './services/audit';
import * as auditWorkspace from './services/audit-workspace';
import * as history from './services/history';
import * as invitations from './services/invitations';
import * as jalons from './services/jalons';
import * as comparaison from './services/comparaison';
import * as mesCriteres from './services/mes-criteres';
import * as piloteSheet from './services/pilote-sheet';
import * as nodes from './services/nodes';
import * as pack from './services/pack';
import * as people from './services/people';
import * as personnalisation from './services/personnalisation';
import * as preuves from './services/preuves';
import * as library from './services/preuves-library';
import * as readiness from './services/readiness';
import type { Lang } from '../../shared/locale';
import * as referentials from './services/referentials';
import { createImportStaging, type ImportOutcome, type StagingTicket } from './services/import-staging';
import { importStagedEvents, runImport, type ImportEvent } from './services/referential-import';
import * as statuts from './services/statuts';
import * as examples from './services/examples';
import * as workspace from './services/workspace';

/** Options of `createCore`. */
export interface CoreOptions {
  /** Root of the app's data (see paths.ts; `defaultDataDir()` for the desktop app's). */
  dataDir: string;
  /** Name recorded in the history and on statuts (default: the workspace's utilisateur, else the OS user). */
  user?: string;
  /** On first start: true (default) creates the demo workspace, false an empty "Ma collectivité". */
  demo?: boolean;
  /** Clock, ISO 8601 (tests). */
  now?: () => string;
  /** Log sink for one-line notices (default console.info). */
  log?: (line: string) => void;
  /**
   * Tests only (the e2e harness): pause in ms at each step of a référentiel import with progress, so a browser test
   * can see the bar and press « Annuler » (referential-import.ts `phaseDelayMs`). Never set by the app's entries.
   */
  importPhaseDelayMs?: number;
}

/**
 * Opens the current workspace of `opts.dataDir` as the app's entries do (desktop shell, browser mode, CLI): an
 * `avant-migration` backup first when its database has an older schema, then `createCore`, then the daily backup
 * when due (a failure of that one is logged, not thrown). Throws what `createCore` throws, and UserError
 * FILE_UNREADABLE when the backup before a migration cannot be written (the database is then not migrated).
 */
export async function startCore(opts: CoreOptions): Promise<Core> {
  const { dataDir } = opts;
  const now = opts.now ?? (() => new Date().toISOString());
  const existing = (() => {
    try {
      return findWorkspace(dataDir);
    } catch {
      return null; // unreadable data folder: createCore reports it precisely
    }
  })();
  if (existing) {
    const dbFile = workspacePaths(dataDir, existing).db;
    try {
      await backupBeforeMigration(dbFile, backupsDir(dataDir, existing), now());
    } catch (e) {
      throw storageError(e, dataDir, dbFile);
    }
  }
  const core = createCore(opts);
  await core.backups.dailyIfDue();
  return core;
}

/** The open workspace's services. Every method may throw UserError (see each service's docstring). */
export interface Core {
  readonly dataDir: string;
  readonly workspaceId: string;
  /** Shared state of the services (database, evidence store, cache); for tests and the CLI's diagnostics. */
  readonly ctx: ServiceContext;
  readonly evidence: EvidenceStore;
  workspace: { get(): workspace.Workspace; update(patch: workspace.WorkspaceUpdate): workspace.Workspace };
  referentials: {
    list(): referentials.ReferentialSummary[];
    get(referentialId: string): Referential;
    /** Text formats only (synchronous; the demo seeds inside a transaction). No backup: use `importAsync`. */
    import(files: string[] | SourceFile[], opts?: ImportOptions): referentials.ImportResult;
    /**
     * Every format, XLSX workbooks included (paths, decoded text or raw bytes). The files are parsed first (a bad
     * file writes nothing), then an `avant-import` backup is taken (its failure stops the import), then the
     * referential is stored.
     */
    importAsync(files: readonly (string | SourceFile | BinarySourceFile)[], opts?: ImportOptions): Promise<referentials.ImportResult>;
    /**
     * Holds uploaded files in memory for one import with progress (import-staging.ts: 32 Mio per import, 64 Mio
     * held, 10 minutes); throws UserError INPUT_INVALID beyond.
     */
    stage(files: BinarySourceFile[], opts?: ImportOptions): StagingTicket;
    /**
     * Runs the staged import `stagingId` as progress events then `done` (referential-import.ts
     * `importStagedEvents`); aborting `signal` before the store cancels it (UserError IMPORT_CANCELLED, nothing written).
     */
    importEvents(stagingId: string, signal?: AbortSignal): AsyncGenerator<ImportEvent, void, undefined>;
    /** Where the staged import `stagingId` stands (done with its result, cancelled…); NOT_FOUND once expired. */
    importOutcome(stagingId: string): ImportOutcome;
    store(ref: Referential): referentials.ImportResult;
  };
  statuts: {
    list(referentialId: string): statuts.StatutView[];
    /** `changed` false when nothing changed (no history event); `cascade` the sous-actions reset (§2.1). */
    set(input: statuts.SetStatutInput): { score: ScoreResult } & statuts.StatutWrite;
    /** `expectedVersion`: the node's version the caller displayed (CONFLICT when stale; statuts.ts). */
    setExplication(referentialId: string, nodeId: string, explication: string | null, expectedVersion?: number): { ok: true; version: number };
  };
  scores: { get(referentialId: string): ScoreResult };
  /** Example statuts shipped in referential/exemples (services/examples.ts): the app's own RGESN self-assessment. */
  examples: { list(): examples.ExampleSummary[]; load(id: string, opts?: { remplacer?: boolean }): examples.ExampleLoad };
  people: { list(): people.Person[]; create(input: { nom: string; email?: string | null; serviceId?: string | null }): people.Person };
  services: { list(): people.Service[]; create(input: { nom: string }): people.Service };
  nodes: {
    detail(referentialId: string, nodeId: string): nodes.NodeDetail;
    setPilotes(input: { referentialId: string; nodeId: string; personIds: string[]; serviceIds: string[] }): { ok: true };
    setEcheance(input: { referentialId: string; nodeId: string; echeance: string | null }): { ok: true };
    overview(referentialId: string): Record<string, nodes.NodeOverview>;
  };
  preuves: {
    list(referentialId: string): preuves.Preuve[];
    addFile(input: { referentialId: string; nodeId: string; fileName: string; bytes: Uint8Array; titre?: string; preuveAttendueId?: string }): preuves.Preuve;
    addPath(input: { referentialId: string; nodeId: string; path: string; titre?: string; preuveAttendueId?: string }): Promise<preuves.Preuve>;
    addLink(input: { referentialId: string; nodeId: string; url: string; titre?: string; preuveAttendueId?: string }): preuves.Preuve;
    detach(input: { preuveId: string; nodeId: string }): { ok: true };
    /** The stored bytes of a file preuve (path, original name, type, size); NOT_FOUND for a link or an unknown id. */
    file(preuveId: string): preuves.PreuveFile;
    /** Every preuve of the workspace, whatever it is attached to (preuves-library.ts). */
    library(): preuves.Preuve[];
    /** Attaches an existing preuve to another node (any referential). */
    attach(input: { preuveId: string; referentialId: string; nodeId: string; preuveAttendueId?: string }): preuves.Preuve;
    /** Versions of a file preuve, the latest first. */
    revisions(preuveId: string): library.PreuveRevision[];
    /** A new version of a file preuve from bytes; the earlier ones stay. */
    addRevision(input: { preuveId: string; fileName: string; bytes: Uint8Array }): preuves.Preuve;
    addRevisionPath(input: { preuveId: string; path: string }): Promise<preuves.Preuve>;
    /** Titre, date of the document, owner, confidentiel. */
    update(input: library.PreuveUpdate): preuves.Preuve;
    /** Marks or unmarks a preuve as answering a preuve attendue. */
    setCouverture(input: { preuveId: string; referentialId: string; preuveAttendueId: string; couvre: boolean }): preuves.Preuve;
    /** Criteria fait / programmé without preuve, and links that are not http(s). */
    aCompleter(referentialId?: string): library.ACompleter;
  };
  /** Identity, competence questions and answers (tete-referentials.md §2.5). */
  personnalisation: {
    identite(): personnalisation.Identite;
    setIdentite(patch: personnalisation.IdentiteUpdate): personnalisation.Identite;
    /** The platform's question CSVs (paths or decoded files), replacing the pool; answers are kept. */
    importQuestions(files: readonly (string | SourceFile)[]): personnalisation.QuestionsImportResult;
    questionnaire(opts?: { seulementUtiles?: boolean }): personnalisation.Questionnaire;
    /** The question pool, in import order (empty until questions are imported). */
    questions(): Question[];
    setReponse(input: personnalisation.SetReponseInput): personnalisation.ReponseView | null;
    /** The consequences the scores apply to one referential (empty for non-TETE models). */
    consequences(referentialId: string): Personnalisation;
  };
  history: { list(q?: history.HistoryQuery): history.HistoryEvent[]; authors(): string[] };
  /** The audit cycle, the auditor's workspace and the decision (issue 6 items 3–4; audit.ts, audit-workspace.ts). */
  audit: {
    cycles(referentialId: string): audit.AuditCycle[];
    espace(referentialId: string, numero?: number): auditWorkspace.EspaceAudit;
    ordreDuJour(referentialId: string, numero?: number): auditWorkspace.OrdreDuJour;
    demander(referentialId: string): audit.AuditCycle;
    retirer(referentialId: string): audit.AuditCycle;
    ouvrir(referentialId: string, auditeur: string): audit.AuditCycle;
    clore(referentialId: string): audit.AuditCycle;
    decider(referentialId: string, input: audit.DecisionInput): audit.AuditCycle;
    nouveauCycle(referentialId: string): audit.AuditCycle;
    setEtat(referentialId: string, nodeId: string, etat: auditWorkspace.EtatAudit): auditWorkspace.MesureAudit;
    setOrdreDuJour(referentialId: string, nodeId: string, inscrite: boolean): auditWorkspace.MesureAudit;
    addNote(referentialId: string, nodeId: string, texte: string): auditWorkspace.NoteAudit;
    /** The auditor's statut change while the audit is open, under the auditor's name. */
    setStatut(input: statuts.SetStatutInput): { score: ScoreResult } & statuts.StatutWrite;
    setExplication(referentialId: string, nodeId: string, explication: string | null): { ok: true };
    attachRapport(referentialId: string, file: { fileName: string; bytes: Uint8Array }): audit.AuditCycle;
    /** The stored report of cycle `numero` (default the current one), with its path in the evidence store. */
    rapport(referentialId: string, numero?: number): audit.RapportAudit & { path: string };
  };
  /** The label checklist of a referential for niveau `target` (default: the one the score reaches), on `score` (`scores.get`). */
  readiness: { get(referentialId: string, score: ScoreResult, target?: number, lang?: Lang): readiness.ReadinessView };
  /** « Mes critères » and the pilote spreadsheet round trip (issue 5); `today` YYYY-MM-DD, default the local day. */
  mesCriteres: {
    list(owner: mesCriteres.Owner, today?: string): mesCriteres.MesCriteres;
    retards(today?: string): mesCriteres.RetardPersonne[];
    exportXlsx(owner: mesCriteres.Owner): Promise<{ fileName: string; bytes: Uint8Array; exportId: string }>;
    previewImport(file: { name: string; bytes: Uint8Array }): Promise<piloteSheet.ApercuImport>;
    applyImport(file: { name: string; bytes: Uint8Array }, decisions?: Record<string, 'app' | 'fichier'>): Promise<piloteSheet.ResultatImport>;
  };
  /** Backups of the workspace's database and restore (backup/index.ts). */
  backups: Backups;
  /** Invitations to the shared workspace (issue 5 item 4; services/invitations.ts). `at`: ISO instant, default now. */
  invitations: {
    create(input: invitations.InvitationInput): { invitation: invitations.Invitation; token: string };
    list(at?: string): invitations.Invitation[];
    revoke(id: string): invitations.Invitation;
    authenticate(token: string, at?: string): Actor & { invitationId: string };
    connected(minutes: number, at?: string): invitations.Invitation[];
  };
  pack: {
    /** `opts.complete`: refuse a pack with evidence files missing (PACK_INCOMPLETE). */
    export(referentialId: string, opts?: pack.ExportOptions): Promise<pack.PackExport>;
    /** The export as progress events then its result (the `pack.exportProgress` subscription); `signal` cancels it. */
    exportEvents(
      referentialId: string,
      opts: { complete?: boolean; includeConfidentiel?: boolean; lang?: pack.PackOptions['lang']; signal?: AbortSignal },
    ): AsyncGenerator<pack.PackExportEvent, void, undefined>;
    verify(path: string): Promise<{ ok: boolean; entries: number; problems: string[] }>;
  };
  /** Jalons: immutable snapshots of the state, and their packs (services/jalons.ts, issue 6). */
  jalons: {
    take(input: jalons.TakeJalonInput): jalons.JalonSummary;
    list(): jalons.JalonSummary[];
    get(id: number): jalons.JalonSummary;
    /** The audit pack of a jalon's referential, from its frozen state; the same bytes at every export. */
    exportPack(id: number, referentialId: string, opts?: pack.ExportOptions): Promise<pack.PackExport>;
    /** Two states side by side per node (a jalon id or 'maintenant' each). */
    compare(input: comparaison.CompareInput): comparaison.Comparaison;
    /** The comparison as an XLSX workbook in the national comparison layout. */
    compareXlsx(input: comparaison.CompareInput): Promise<{ fileName: string; bytes: Buffer }>;
  };
  /** Closes the database (checkpointing the WAL). */
  close(): void;
}

/** The workspace to open: settings.json's, else the first folder under workspaces/, else null (first start). */
function findWorkspace(dataDir: string): string | null {
  const current = readSettings(dataDir).currentWorkspace;
  if (current && existsSync(workspacePaths(dataDir, current).db)) return current;
  const root = `${dataDir}/workspaces`;
  if (!existsSync(root)) return null;
  const found = readdirSync(root)
    .filter((d) => existsSync(workspacePaths(dataDir, d).db))
    .sort();
  return found[0] ?? null;
}

/**
 * Opens the current workspace of `dataDir`, creating it on first start (demo or empty, see `seedWorkspace`).
 * Throws UserError DB_FROM_FUTURE when its database was written by a newer app, FILE_UNREADABLE naming the folder
 * or file when the data folder cannot be created or written, or the database is not a readable SQLite file
 * (storage-errors.ts).
 */
export function createCore(opts: CoreOptions): Core {
  const { dataDir } = opts;
  let dbFile = join(dataDir, 'workspaces');
  try {
    return openCore(opts, (file) => (dbFile = file));
  } catch (e) {
    throw storageError(e, dataDir, dbFile);
  }
}

function openCore(opts: CoreOptions, opening: (dbFile: string) => void): Core {
  const { dataDir } = opts;
  mkdirSync(dataDir, { recursive: true });
  const existing = findWorkspace(dataDir);
  const demo = opts.demo ?? true;
  const workspaceId = existing ?? (demo ? 'valmont-sur-loire' : 'ma-collectivite');
  const paths = workspacePaths(dataDir, workspaceId);
  opening(paths.db);
  const db = openDatabase(paths.db);
  const evidence = createEvidenceStore(paths.evidence);
  const osUser = (() => {
    try {
      return userInfo().username;
    } catch {
      return 'utilisateur';
    }
  })();
  const ctx: ServiceContext = {
    db,
    evidence,
    dataDir,
    workspaceId,
    user: opts.user ?? osUser,
    now: opts.now ?? (() => new Date().toISOString()),
    cache: new Map(),
  };
  try {
    // A first start killed while seeding leaves a database with the schema but no workspace row (the seed is one
    // transaction): it is seeded again rather than refused at every later start.
    const seeded = (db.prepare('SELECT COUNT(*) AS n FROM workspace').get() as { n: number }).n > 0;
    if (!seeded) seedWorkspace(ctx, { demo, log: opts.log ?? ((l) => console.info(l)) });
    else if (opts.user === undefined) ctx.user = workspace.getWorkspace(ctx).utilisateur;
  } catch (e) {
    db.close();
    throw e;
  }
  // Written only when it changes: no write (and no temp file a crash could leave) at every start.
  if (readSettings(dataDir).currentWorkspace !== workspaceId) writeSettings(dataDir, { currentWorkspace: workspaceId });
  return bindCore(ctx, { log: opts.log, importPhaseDelayMs: opts.importPhaseDelayMs });
}

/**
 * Binds the services to `ctx` (also used by tests on an in-memory database). `log` receives one-line notices
 * (a failed daily backup; default console.info).
 */
export function bindCore(ctx: ServiceContext, options: { log?: (line: string) => void; importPhaseDelayMs?: number } = {}): Core {
  bindActorName(ctx);
  const backups = createBackups(ctx, { log: options.log ?? ((l) => console.info(l)) });
  const staging = createImportStaging();
  return {
    dataDir: ctx.dataDir,
    workspaceId: ctx.workspaceId,
    ctx,
    evidence: ctx.evidence,
    workspace: { get: () => workspace.getWorkspace(ctx), update: (p) => workspace.updateWorkspace(ctx, p) },
    referentials: {
      list: () => referentials.listReferentials(ctx),
      get: (id) => referentials.getReferential(ctx, id),
      import: (files, o) => referentials.importReferential(ctx, files, o),
      importAsync: (files, o) => runImport(ctx, backups, files, o),
      // ctx.user here is the caller's name (a remote référent's, services/actor.ts): the import runs later.
      stage: (files, o) => staging.stage(files, o, ctx.user),
      importEvents: (id, signal) => importStagedEvents(ctx, { staging, backups, phaseDelayMs: options.importPhaseDelayMs }, id, signal),
      importOutcome: (id) => staging.outcome(id),
      store: (ref) => referentials.storeReferential(ctx, ref),
    },
    statuts: {
      list: (id) => statuts.listStatuts(ctx, id),
      set: (input) => statuts.setStatut(ctx, input),
      setExplication: (r, n, e, v) => statuts.setExplication(ctx, r, n, e, v),
    },
    scores: { get: (id) => statuts.computeScore(ctx, id) },
    examples: { list: () => examples.listExamples(), load: (id, o) => examples.loadExample(ctx, id, o) },
    people: { list: () => people.listPeople(ctx), create: (i) => people.createPerson(ctx, i) },
    services: { list: () => people.listServices(ctx), create: (i) => people.createService(ctx, i) },
    nodes: {
      detail: (r, n) => nodes.nodeDetail(ctx, r, n),
      setPilotes: (i) => nodes.setPilotes(ctx, i),
      setEcheance: (i) => nodes.setEcheance(ctx, i),
      overview: (r) => nodes.nodesOverview(ctx, r),
    },
    preuves: {
      list: (r) => preuves.listPreuves(ctx, r),
      addFile: (i) => preuves.addPreuveFile(ctx, i),
      addPath: (i) => preuves.addPreuvePath(ctx, i),
      addLink: (i) => preuves.addPreuveLink(ctx, i),
      detach: (i) => preuves.detachPreuve(ctx, i),
      file: (id) => preuves.preuveFile(ctx, id),
      library: () => library.listLibrary(ctx),
      attach: (i) => library.attachPreuve(ctx, i),
      revisions: (id) => library.listRevisions(ctx, id),
      addRevision: (i) => library.addRevisionFile(ctx, i),
      addRevisionPath: (i) => library.addRevisionPath(ctx, i),
      update: (i) => library.updatePreuve(ctx, i),
      setCouverture: (i) => library.setCouverture(ctx, i),
      aCompleter: (r) => library.aCompleter(ctx, r),
    },
    personnalisation: {
      identite: () => personnalisation.getIdentite(ctx),
      setIdentite: (p) => personnalisation.setIdentite(ctx, p),
      importQuestions: (files) => personnalisation.importQuestions(ctx, files.map((f) => (typeof f === 'string' ? readSourceFile(f) : f))),
      questionnaire: (o) => personnalisation.questionnaire(ctx, o),
      questions: () => personnalisation.listQuestions(ctx).questions,
      setReponse: (i) => personnalisation.setReponse(ctx, i),
      consequences: (id) => personnalisation.personnalisationFor(ctx, referentials.getReferential(ctx, id)),
    },
    history: { list: (q) => history.listHistory(ctx, q), authors: () => history.historyAuthors(ctx) },
    audit: {
      cycles: (r) => audit.listCycles(ctx, r),
      espace: (r, n) => auditWorkspace.espaceAudit(ctx, r, n),
      ordreDuJour: (r, n) => auditWorkspace.ordreDuJour(ctx, r, n),
      demander: (r) => audit.demander(ctx, r),
      retirer: (r) => audit.retirer(ctx, r),
      ouvrir: (r, a) => audit.ouvrir(ctx, r, a),
      clore: (r) => audit.clore(ctx, r),
      decider: (r, i) => audit.decider(ctx, r, i),
      nouveauCycle: (r) => audit.nouveauCycle(ctx, r),
      setEtat: (r, n, e) => auditWorkspace.setEtat(ctx, r, n, e),
      setOrdreDuJour: (r, n, f) => auditWorkspace.setOrdreDuJour(ctx, r, n, f),
      addNote: (r, n, t) => auditWorkspace.addNote(ctx, r, n, t),
      setStatut: (i) => auditWorkspace.auditeurSetStatut(ctx, i),
      setExplication: (r, n, e) => auditWorkspace.auditeurSetExplication(ctx, r, n, e),
      attachRapport: (r, f) => audit.attachRapport(ctx, r, f),
      rapport: (r, n) => audit.rapportFile(ctx, r, n),
    },
    readiness: { get: (r, score, target, lang) => readiness.getReadiness(ctx, r, score, target, lang) },
    mesCriteres: {
      list: (o, t) => mesCriteres.criteresOf(ctx, o, t),
      retards: (t) => mesCriteres.retards(ctx, t),
      exportXlsx: (o) => piloteSheet.exportPiloteXlsx(ctx, o),
      previewImport: (f) => piloteSheet.previewPiloteImport(ctx, f),
      applyImport: (f, d) => piloteSheet.applyPiloteImport(ctx, f, d),
    },
    backups,
    invitations: {
      create: (i) => invitations.createInvitation(ctx, i),
      list: (at) => invitations.listInvitations(ctx, at),
      revoke: (id) => invitations.revokeInvitation(ctx, id),
      authenticate: (token, at) => invitations.authenticate(ctx, token, at),
      connected: (minutes, at) => invitations.connectedInvitations(ctx, minutes, at),
    },
    pack: {
      export: (r, o) => pack.exportPack(ctx, r, { complete: o?.complete, includeConfidentiel: o?.includeConfidentiel, lang: o?.lang, outDir: o?.outDir }),
      exportEvents: (r, o) => pack.exportPackEvents(ctx, r, o),
      verify: (p) => pack.verifyPackFile(p),
    },
    jalons: {
      take: (input) => jalons.takeJalon(ctx, input),
      list: () => jalons.listJalons(ctx),
      get: (id) => jalons.getJalon(ctx, id),
      exportPack: (id, r, o) =>
        jalons.exportJalonPack(ctx, id, r, { complete: o?.complete, includeConfidentiel: o?.includeConfidentiel, lang: o?.lang, signal: o?.signal, onProgress: o?.onProgress }),
      compare: (i) => comparaison.compareJalons(ctx, i),
      compareXlsx: (i) => comparaison.comparisonXlsx(ctx, i),
    },
    close: () => {
      if (ctx.db.open) ctx.db.close();
    },
  };
}
