/** Usage text of `label-audit --help` (French, as every user-facing text). */
export const USAGE = `Label Audit — préparer l'audit du Label Numérique Responsable et des labels TETE (CAE, ECi), hors ligne.

Usage : label-audit COMMANDE [ARGUMENTS] [OPTIONS]

Commandes :
  import-referential FICHIER... [--format tete-csv|rgesn-json|rgaa-json|gbp-json|gbp-csv|grid-xlsx|grid-csv|grid-json] [--id ID]
        Importe (ou remplace) un référentiel depuis ses fichiers.
  referentials
        Liste les référentiels de l'espace de travail, avec leurs nœuds et leurs points.
  set-statut REFERENTIEL NOEUD STATUT [--fait F --programme P --pas-fait Q] [--explication TEXTE]
        Enregistre le statut d'un nœud. STATUT : fait, programme, pas_fait, non_renseigne, detaille,
        non_concerne, conforme, non_conforme, non_applicable. F, P, Q : fractions (0.7 ou 0,7) dont la
        somme vaut 1, pour le statut detaille.
  add-preuve REFERENTIEL NOEUD FICHIER|URL [--title TITRE]
        Ajoute une preuve : un fichier local, ou un lien http(s)://.
  score REFERENTIEL [--situation FICHIER.json]
        Affiche le score, le niveau atteint, la complétude et les points par axe. Avec --situation, calcule
        le score d'une situation sans rien modifier dans l'espace de travail : un JSON {"identite": {…},
        "reponses": {…}, "statuts": {…}} (identité absente : une commune de métropole), ou un cas de test
        YAML de la plateforme nationale (Collectivité, Réponses, Statuts).
  set-identite [--type commune|EPCI|inconnu] [--soustype S|aucun] [--population N|inconnue]
               [--localisation DOM|metropole] [--aire-urbaine oui|non|inconnu]
        Enregistre l'identité de la collectivité (personnalisation des référentiels TETE).
  set-reponse QUESTION VALEUR [--justification TEXTE]
        Répond à une question de personnalisation : oui / non, l'identifiant d'une option, ou une
        proportion (0,35 ou 35%) ; « aucune » efface la réponse.
  readiness REFERENTIEL [--level N]
        Les conditions d'une demande de labellisation pour l'étoile ou le niveau N (par défaut celui
        que le score atteint) : complétude, score, critères par mesure, documents, référents.
  import-questions FICHIER...
        Importe les questions de personnalisation (CSV questions, options, thématiques de la plateforme
        Territoires en Transitions) ; les réponses déjà données sont conservées.
  export-pack REFERENTIEL [--out FICHIER.zip] [--jalon N]
        Écrit le paquet d'audit (zip) ; sans --out, il reste dans le dossier exports de l'espace de travail.
        Avec --jalon, le paquet du jalon n° N, tel qu'il a été figé (mêmes octets à chaque export).
  jalon [REFERENTIEL] --name NOM [--kind manuel|pre-audit|post-audit]
        Prend un jalon : une copie figée des scores, statuts, explications, personnalisation, preuves et du
        référentiel lui-même (tous les référentiels, ou celui donné).
  jalons
        Liste les jalons pris, avec leur score.
  compare A B [--referential REFERENTIEL] [--xlsx FICHIER.xlsx] [--tout]
        Compare deux états d'un référentiel (A, B : un numéro de jalon ou « maintenant ») : les lignes
        modifiées (toutes avec --tout) ; --xlsx écrit le classeur de comparaison (un bloc de colonnes par état).
  verify FICHIER.zip
        Vérifie un paquet d'audit (empreintes, manifeste, noms) ; code de sortie 1 s'il y a un problème.
  data-dir [--move DOSSIER | --reset]
        Affiche le dossier de données en usage. --move copie les données (application fermée) dans DOSSIER,
        vide ou absent, vérifie la copie, puis l'application l'utilise ; l'original reste en place.
        --reset revient au dossier par défaut. La variable LABEL_AUDIT_DATA_DIR, si elle est définie, l'emporte.
  backup [--out FICHIER]
        Sauvegarde la base de l'espace de travail (API de sauvegarde de SQLite) ; sans --out, dans le dossier
        sauvegardes du dossier de données.
  load-example EXEMPLE [--remplacer]
        Charge un exemple livré (referential/exemples) : rgesn-label-audit, l'auto-évaluation RGESN de
        Label Audit elle-même (78 critères, avec leurs explications), dans un espace où le RGESN 2024 est
        importé. Refuse de remplacer des statuts déjà saisis sans --remplacer.
  restore FICHIER
        Restaure une sauvegarde après avoir sauvegardé l'état actuel ; refuse un fichier qui n'est pas une
        sauvegarde Label Audit intacte de cet espace de travail, ou écrite par une version plus récente.

Options communes :
  --data-dir DOSSIER   dossier de l'espace de travail (par défaut celui de l'application de bureau)
  --json               un seul document JSON sur la sortie standard
  --user NOM           auteur des modifications, pour l'historique (par défaut l'utilisateur du système)
  -h, --help           cette aide
  -v, --version        la version de label-audit

Codes de sortie : 0 succès ; 1 erreur de saisie ou de fichier (une ligne sur la sortie d'erreur) ; 2 erreur interne.
`;
