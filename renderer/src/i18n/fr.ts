/**
 * The French catalogue: the reference wording of the interface (French first, issue 8 item 2). Keys are grouped
 * by screen or component; `{{name}}` is an i18next interpolation. Every key here has its twin in en.ts.
 */
export const fr = {
  app: {
    skip: 'Aller au contenu',
    navLabel: 'Navigation principale',
    settingsLabel: 'Préférences',
    language: 'Langue',
    theme: 'Thème',
    themeSystem: 'Système',
    themeLight: 'Clair',
    themeDark: 'Sombre',
    scoreAnnounce: 'Score mis à jour : {{score}}',
  },
  nav: {
    dashboard: 'Tableau de bord',
    referentiel: 'Référentiel',
    personnalisation: 'Personnalisation',
    candidature: 'Candidature',
    'mes-criteres': 'Mes critères',
    preuves: 'Preuves',
    export: 'Export',
  },
  common: {
    loading: 'Chargement…',
    loadingOf: 'Chargement de {{what}}…',
    cannotLoad: 'Impossible de charger {{what}} : {{message}}',
    retry: 'Réessayer',
    save: 'Enregistrer',
    cancel: 'Annuler',
    confirm: 'Confirmer',
    close: 'Fermer',
    delete: 'Supprimer',
    none: 'aucun',
    notComputable: 'non calculable',
    noReferential: "Aucun référentiel importé pour l'instant.",
    referentialList: 'la liste des référentiels',
  },
  errors: {
    inputInvalid: 'Saisie invalide : vérifiez les valeurs saisies.',
    serverUnreachable:
      "Le serveur de l'application ne répond pas (connexion refusée ou interrompue). Vérifiez que Label Audit est toujours lancé, puis réessayez.",
    NOT_FOUND_preuve: 'La preuve « {{id}} » n’existe pas (elle a peut-être été supprimée entre-temps).',
    NOT_FOUND_service: 'Le service « {{id}} » n’existe pas.',
    NOT_FOUND_person: 'La personne « {{id}} » n’existe pas.',
    NODE_UNKNOWN: 'Le nœud « {{nodeId}} » n’existe pas dans le référentiel {{referentialId}}.',
    REFERENTIAL_UNKNOWN: 'Le référentiel « {{referentialId}} » n’est pas chargé dans cet espace de travail.',
    INPUT_INVALID_field: 'Donnée invalide pour « {{field}} ».',
    failed: "L'opération a échoué : {{message}}",
  },
};
