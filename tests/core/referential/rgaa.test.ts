import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRgaaJson, RGAA_NIVEAUX, stripGlossaryLinks } from '../../../electron/core/referential/rgaa-json';
import { userError } from '../../helpers/errors';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

type Obj = Record<string, unknown>;
function critere(number: number, overrides: Obj = {}): Obj {
  return { criterium: { number, title: `Question ${number} ?`, tests: { '1': [`Test ${number} ?`] }, ...overrides } };
}
function topic(number: number, name: string, criteria: unknown[], overrides: Obj = {}): Obj {
  return { topic: name, number, criteria, ...overrides };
}
const file = (data: unknown, name = 'criteres.json') => ({ name, text: typeof data === 'string' ? data : JSON.stringify(data) });
const SMALL = {
  wcag: { version: 2.1 },
  topics: [
    topic(2, 'Cadres', [critere(1)]),
    topic(1, 'Images', [
      critere(10),
      critere(2, {
        title: 'Chaque [image de décoration](#image-de-decoration) est-elle ignorée ?',
        tests: {
          '2': ['Chaque [zone](#zone) non porteuse d’information est-elle ignorée ?'],
          '1': ['Chaque image vérifie-t-elle une de ces conditions ?', 'L’image a un attribut `alt` vide ;', 'L’image a un rôle [présentation](https://www.w3.org/TR/wai-aria/#presentation).'],
        },
        particularCases: ['Dans ces situations, le critère est non applicable :', { ul: ['- Image de fond ;', 'Image CSS.'] }],
        technicalNote: ['Une note sur [l’alternative](#alternative-textuelle-image).'],
        references: [{ wcag: ['1.1.1 Non-text Content (A)'] }, { techniques: ['H67', 'C9'] }],
      }),
    ]),
  ],
};

describe('parseRgaaJson on small inputs', () => {
  const ref = parseRgaaJson(file(SMALL));

  it('builds thématiques and critères in number order, each critère counting 1, model rate with the RGAA niveaux', () => {
    expect(ref).toMatchObject({ id: 'rgaa', version: '4.1.2', model: 'rate', actionLevel: 2, redistribution: false, avertissement: null });
    expect(ref.niveaux).toEqual([
      { rang: 1, nom: 'Non conforme', seuil: 0 },
      { rang: 2, nom: 'Partiellement conforme', seuil: 0.5 },
      { rang: 3, nom: 'Totalement conforme', seuil: 1 },
    ]);
    expect(ref.niveaux).toEqual(RGAA_NIVEAUX);
    expect(ref.hierarchie).toEqual(['referentiel', 'thematique', 'critere']);
    expect(ref.nodes.map((n) => [n.id, n.parentId, n.type, n.depth, n.pointReferentiel, n.ordre, n.nom])).toEqual([
      ['rgaa', null, 'referentiel', 0, 3, 0, 'Référentiel général d’amélioration de l’accessibilité (RGAA)'],
      ['rgaa_1', 'rgaa', 'thematique', 1, 2, 0, 'Images'],
      ['rgaa_1.2', 'rgaa_1', 'critere', 2, 1, 0, 'Chaque image de décoration est-elle ignorée ?'],
      ['rgaa_1.10', 'rgaa_1', 'critere', 2, 1, 1, 'Question 10 ?'],
      ['rgaa_2', 'rgaa', 'thematique', 1, 1, 1, 'Cadres'],
      ['rgaa_2.1', 'rgaa_2', 'critere', 2, 1, 0, 'Question 1 ?'],
    ]);
    expect(ref.nodes[0]?.meta).toEqual({ source: 'criteres.json', wcag: '2.1' });
  });

  it('keeps the tests as the description (« Test 1.2.1 : … », conditions as list items), cases and notes as contexte, references as ressources and meta', () => {
    const c = ref.nodes.find((n) => n.id === 'rgaa_1.2');
    expect(c?.description).toBe(
      '**Test 1.2.1** : Chaque image vérifie-t-elle une de ces conditions ?\n- L’image a un attribut `alt` vide ;\n' +
        '- L’image a un rôle [présentation](https://www.w3.org/TR/wai-aria/#presentation).\n\n' +
        '**Test 1.2.2** : Chaque zone non porteuse d’information est-elle ignorée ?',
    );
    expect(c?.contexte).toBe(
      '**Cas particuliers**\n\nDans ces situations, le critère est non applicable :\n- Image de fond ;\n- Image CSS.\n\n**Notes techniques**\n\nUne note sur l’alternative.',
    );
    expect(c?.ressources).toBe('WCAG : 1.1.1 Non-text Content (A)\nTechniques : H67, C9');
    expect(c?.meta).toEqual({ thematique: 'Images', tests: '2', wcag: '1.1.1 Non-text Content (A)', techniques: 'H67, C9' });
    expect(ref.nodes.find((n) => n.id === 'rgaa_2.1')).toMatchObject({ description: '**Test 2.1.1** : Test 1 ?', contexte: null, ressources: null, meta: { thematique: 'Cadres', tests: '1' } });
  });

  it('uses the id given; glossary links keep their words, other links stay', () => {
    expect(parseRgaaJson(file(SMALL), 'rgaa-4-1-2').nodes.map((n) => n.id).slice(0, 3)).toEqual(['rgaa-4-1-2', 'rgaa-4-1-2_1', 'rgaa-4-1-2_1.2']);
    expect(stripGlossaryLinks('Chaque [image](#image-porteuse) a-t-elle un [lien](https://x.fr/#a) ?')).toBe('Chaque image a-t-elle un [lien](https://x.fr/#a) ?');
  });

  const withTopic = (t: unknown) => ({ topics: [topic(1, 'Images', [critere(1)]), t] });
  const withCritere = (...c: unknown[]) => ({ topics: [topic(1, 'Images', [critere(1), ...c])] });
  it.each([
    ['truncated JSON', JSON.stringify(SMALL).slice(0, 60), /^criteres\.json n'est pas un JSON valide \(ligne 1, colonne \d+, position \d+\)/, undefined],
    ['an array at the root', [critere(1)], /^criteres\.json : un objet \{ "topics": \[\.\.\.\] \} \(les thématiques du RGAA\) est attendu à la racine du JSON\.$/, 'topics'],
    ['no topics', { wcag: {} }, /^criteres\.json : un objet \{ "topics"/, 'topics'],
    ['an empty topics list', { topics: [] }, /^criteres\.json : la liste « topics » est vide\.$/, 'topics'],
    ['a thématique that is not an object', withTopic('Cadres'), /^criteres\.json, thématique n° 2 \(topics\[1\]\) : un objet est attendu\.$/, 'topics[1]'],
    ['a thématique without number', withTopic({ topic: 'Cadres', criteria: [critere(1)] }), /^criteres\.json, thématique n° 2 \(topics\[1\]\) : le champ « number » est absent\.$/, 'topics[1].number'],
    ['a thématique numbered "2"', withTopic(topic('2' as unknown as number, 'Cadres', [critere(1)])), /^criteres\.json, thématique n° 2 \(topics\[1\]\) : le champ « number » doit être un entier positif \(reçu "2"\)\.$/, 'topics[1].number'],
    ['a duplicate thématique', withTopic(topic(1, 'Cadres', [critere(1)])), /^criteres\.json, thématique 1 \(topics\[1\]\) : le numéro 1 est déjà celui de la thématique topics\[0\]\.$/, 'topics[1].number'],
    ['an unnamed thématique', withTopic(topic(2, ' ', [critere(1)])), /^criteres\.json, thématique 2 \(topics\[1\]\) : le champ « topic » doit être un texte non vide\.$/, 'topics[1].topic'],
    ['a thématique without critères', withTopic(topic(2, 'Cadres', [])), /^criteres\.json, thématique 2 « Cadres » \(topics\[1\]\) : le champ « criteria » doit être une liste non vide de critères\.$/, 'topics[1].criteria'],
    ['a critère without criterium', withCritere({ number: 2 }), /^criteres\.json, thématique 1, critère n° 2 \(topics\[0\]\.criteria\[1\]\.criterium\) : un objet \{ "criterium": \{ number, title, tests \} \} est attendu\.$/, 'topics[0].criteria[1]'],
    ['a critère without id (number)', withCritere({ criterium: { title: 'Q ?', tests: { '1': ['T ?'] } } }), /^criteres\.json, thématique 1, critère n° 2 \(topics\[0\]\.criteria\[1\]\.criterium\) : le champ « number » est absent\.$/, 'topics[0].criteria[1].criterium.number'],
    ['a critère numbered 0', withCritere(critere(0)), /^criteres\.json, thématique 1, critère n° 2 \(.*\) : le champ « number » doit être un entier positif \(reçu 0\)\.$/, 'topics[0].criteria[1].criterium.number'],
    ['a duplicate critère', withCritere(critere(1)), /^criteres\.json, critère 1\.1 \(topics\[0\]\.criteria\[1\]\.criterium\) : le critère 1\.1 est en double \(déjà topics\[0\]\.criteria\[0\]\.criterium\)\.$/, 'topics[0].criteria[1].criterium.number'],
    ['a critère without title', withCritere({ criterium: { number: 2, tests: { '1': ['T ?'] } } }), /^criteres\.json, critère 1\.2 \(topics\[0\]\.criteria\[1\]\.criterium\) : le champ « title » est absent\.$/, 'topics[0].criteria[1].criterium.title'],
    ['a critère without tests', withCritere({ criterium: { number: 2, title: 'Q ?', tests: {} } }), /^criteres\.json, critère 1\.2 \(.*\) : le champ « tests » doit être un objet non vide/, 'topics[0].criteria[1].criterium.tests'],
    ['an empty test', withCritere(critere(2, { tests: { '1': [] } })), /^criteres\.json, critère 1\.2 \(.*\) : le test 1\.2\.1 doit être une liste non vide de textes\.$/, 'topics[0].criteria[1].criterium.tests.1'],
    ['a test not numbered', withCritere(critere(2, { tests: { a: ['T ?'] } })), /^criteres\.json, critère 1\.2 \(.*\) : le test « a » doit être numéroté 1, 2, 3…$/, 'topics[0].criteria[1].criterium.tests.a'],
    ['particular cases that are not a list', withCritere(critere(2, { particularCases: 'Aucun' })), /^criteres\.json, critère 1\.2 \(.*\) : une liste de textes est attendue\.$/, 'topics[0].criteria[1].criterium.particularCases'],
    ['a technical note item of another shape', withCritere(critere(2, { technicalNote: [{ table: [] }] })), /^criteres\.json, critère 1\.2 \(.*\) : un texte ou une liste \{ ul: \[\.\.\.\] \} est attendu\.$/, 'topics[0].criteria[1].criterium.technicalNote[0]'],
    ['references that are not lists of texts', withCritere(critere(2, { references: [{ wcag: '1.1.1' }] })), /^criteres\.json, critère 1\.2 \(.*\) : la référence « wcag » doit être une liste de textes\.$/, 'topics[0].criteria[1].criterium.references[0].wcag'],
  ])('rejects %s with a message naming the place', (_case, data, message, path) => {
    const e = userError(() => parseRgaaJson(file(data)));
    expect(e.code).toBe('REFERENTIAL_INVALID');
    expect(e.message).toMatch(message);
    expect(e.location.file).toBe('criteres.json');
    if (path !== undefined) expect(e.location.path).toBe(path);
  });

  it('says the same in English, naming the thématique or critère and its path', () => {
    expect(userError(() => parseRgaaJson(file(withCritere(critere(0))))).en).toBe(
      'criteres.json, topic 1, criterion no. 2 (topics[0].criteria[1].criterium): the field “number” must be a positive integer (received 0).',
    );
    expect(userError(() => parseRgaaJson(file(withCritere(critere(2, { tests: { '1': [] } }))))).en).toBe(
      'criteres.json, criterion 1.2 (topics[0].criteria[1].criterium): test 1.2.1 must be a non-empty list of texts.',
    );
  });
});

describeWithSharedData('parseRgaaJson on the real RGAA 4.1.2 file', () => {
  const ref = parseRgaaJson({ name: 'criteres.json', text: readFileSync(DATA.rgaa, 'utf8') });
  const criteres = ref.nodes.filter((n) => n.depth === 2);

  it('has 106 critères in 13 thématiques, in number order', () => {
    expect(criteres).toHaveLength(106);
    expect(ref.nodes).toHaveLength(1 + 13 + 106);
    expect(ref.nodes.filter((n) => n.depth === 1).map((n) => `${n.identifiant} ${n.nom} (${n.pointReferentiel})`)).toEqual([
      '1 Images (9)',
      '2 Cadres (2)',
      '3 Couleurs (3)',
      '4 Multimédia (13)',
      '5 Tableaux (8)',
      '6 Liens (2)',
      '7 Scripts (5)',
      '8 Éléments obligatoires (10)',
      '9 Structuration de l’information (4)',
      '10 Présentation de l’information (14)',
      '11 Formulaires (13)',
      '12 Navigation (11)',
      '13 Consultation (12)',
    ]);
    expect(ref.nodes[0]?.pointReferentiel).toBe(106);
    expect(ref.nodes.find((n) => n.id === 'rgaa_10.14')?.ordre).toBe(13);
  });

  it('keeps the 258 tests, each as « **Test x.y.z** : … » in its critère', () => {
    expect(criteres.reduce((s, c) => s + Number(c.meta.tests), 0)).toBe(258);
    expect(criteres.reduce((s, c) => s + (c.description?.match(/^\*\*Test \d+\.\d+\.\d+\*\* : /gm) ?? []).length, 0)).toBe(258);
    const c11 = ref.nodes.find((n) => n.id === 'rgaa_1.1');
    // The file writes a no-break space before « ? ».
    expect(c11?.nom).toBe('Chaque image porteuse d’information a-t-elle une alternative textuelle\u00a0?');
    expect(c11?.description?.startsWith('**Test 1.1.1** : Chaque image (balise `<img>` ou balise possédant l’attribut WAI-ARIA `role="img"`) porteuse d’information a-t-elle une alternative textuelle\u00a0?\n\n**Test 1.1.2** : ')).toBe(true);
    expect(c11?.meta).toMatchObject({ thematique: 'Images', tests: '8', wcag: '1.1.1 Non-text Content (A)', techniques: 'H36, H37, H53, F65, H24' });
    // No glossary anchor left in any text the user reads.
    expect(ref.nodes.filter((n) => /\]\(#/.test(`${n.nom} ${n.description ?? ''} ${n.contexte ?? ''}`))).toEqual([]);
    // 34 critères have particular cases, 21 technical notes.
    expect(criteres.filter((n) => n.contexte?.includes('**Cas particuliers**'))).toHaveLength(34);
    expect(criteres.filter((n) => n.contexte?.includes('**Notes techniques**'))).toHaveLength(21);
  });
});
