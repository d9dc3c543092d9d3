/**
 * The rule formulas quoted in tete-referentials.md §2.5 (plus cae_2.3.1 and eci_1.2.4), verbatim from
 * referentiel-cae-structure.csv / referentiel-eci-structure.csv; data.test.ts checks they still are.
 */
export const EXEMPLES = {
  'cae_1.1.2.0.1': 'si identite(type, commune) alors VRAI\nsinon si identite(type, EPCI) et identite(population, moins_de_20000) alors VRAI',
  'cae_1.1.2.2': 'si identite(type, EPCI) et identite(population, plus_de_20000) alors 5/4',
  'cae_1.2.2': 'si reponse(centre_urbain, NON) et reponse (AOM_1, NON) alors 2/12 \nsinon si reponse (AOM_1, NON) alors 6/12',
  'cae_3.2.1': 'si reponse(recuperation_cogeneration, OUI) et identite(localisation,DOM) alors 10/12\nsinon si reponse(recuperation_cogeneration, NON) alors 2/12',
  'cae_3.2.1.2': 'reponse(recuperation_cogeneration, NON)',
  'cae_3.3.5': 'si identite(type, commune) et reponse(dechets_2, NON) alors 2/12\nsinon si identite(type, EPCI) et reponse(dechets_2, NON) alors max(reponse(dechets_4),2/12)',
  'cae_3.3.5 score': 'min(score(cae_1.2.3), score(cae_3.3.5))',
  'cae_6.2.1': 'si identite(type, commune) et reponse(habitat_3, NON) alors max(reponse(habitat_2), 2/10) \nsinon si identite(type, commune) et reponse(habitat_3, OUI) alors max(reponse(habitat_2), 2/10) + 1/10',
  'cae_6.3.1.4': 'reponse(dev_eco_4,NON)',
  'cae_6.3.1.3': 'si reponse(dev_eco_4,NON) alors 1.625',
  'cae_6.4.1': 'si reponse(SAU, OUI) alors 0.5',
  'cae_6.4.1.6': 'si identite(localisation, DOM) alors 4/3',
  'cae_2.3.1': 'si identite(type, EPCI) et reponse(EP_1, EP_1_b) alors 2/6\nsinon si identite(type, EPCI) et reponse(EP_1, EP_1_c) alors 0\nsinon reponse(EP_2)',
  'eci_1.2.4': 'si identite(type, syndicat) alors FAUX sinon VRAI',
} as const;
