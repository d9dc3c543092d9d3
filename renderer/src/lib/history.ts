/**
 * History events as French sentences for the authority and its auditor: the one describer of shared/history-words.ts,
 * shared with the audit pack (historique.csv, the report's history page).
 */
export { ACTION_FAMILIES, actionFamilyLabel, describeEvent, describeStatut, type HistoryEventLike } from '../../../shared/history-words';
