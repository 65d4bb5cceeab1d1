/**
 * Russian acronyms that machine translation leaves transliterated instead of giving the
 * English one (ОДКБ left as "ODKB" instead of CSTO). Each entry: the Cyrillic acronym, the
 * English acronym (if English has one) and expansion, and where the correspondence is
 * documented. The Latin forms are not listed: they are made by transliterating the Cyrillic
 * letter by letter under every common scheme (see `acronymForms`), plus `extra` forms
 * that machine translation is documented to produce.
 *
 * Acronyms that English uses as they are (FSB, KGB, GRU, OMON, TASS, NATO) are not listed:
 * they are not leftovers. `ambiguous` entries coincide with an English abbreviation
 * (RF radio frequency, MID middle, AES the cipher) and are reported only in a document that
 * shows another sign of translation from Russian.
 *
 * Sources: the Russian Wikipedia article named by the acronym and the English Wikipedia article
 * of the expansion (CC BY-SA; the facts, not the text, are used here).
 */
export interface AcronymEntry {
  readonly cyrillic: string;
  readonly english: string;
  readonly expansion: string;
  readonly ambiguous?: boolean;
  /** Latin forms seen in machine translation that are not letter-by-letter transliterations. */
  readonly extra?: readonly string[];
  readonly source: string;
}

const WP = (ru: string, en: string): string => `Wikipedia: ru "${ru}", en "${en}"`;

export const ACRONYMS: readonly AcronymEntry[] = [
  { cyrillic: 'ЕАЭС', english: 'EAEU', expansion: 'Eurasian Economic Union', source: WP('Евразийский экономический союз', 'Eurasian Economic Union') },
  { cyrillic: 'ЕврАзЭС', english: 'EurAsEC', expansion: 'Eurasian Economic Community', source: WP('Евразийское экономическое сообщество', 'Eurasian Economic Community') },
  { cyrillic: 'ОДКБ', english: 'CSTO', expansion: 'Collective Security Treaty Organization', source: WP('Организация Договора о коллективной безопасности', 'Collective Security Treaty Organization') },
  { cyrillic: 'СНГ', english: 'CIS', expansion: 'Commonwealth of Independent States', source: WP('Содружество Независимых Государств', 'Commonwealth of Independent States') },
  { cyrillic: 'МИД', english: 'MFA', expansion: 'Ministry of Foreign Affairs, the Foreign Ministry', ambiguous: true, source: WP('Министерство иностранных дел России', 'Ministry of Foreign Affairs (Russia)') },
  { cyrillic: 'ШОС', english: 'SCO', expansion: 'Shanghai Cooperation Organisation', source: WP('Шанхайская организация сотрудничества', 'Shanghai Cooperation Organisation') },
  { cyrillic: 'ООН', english: 'UN', expansion: 'United Nations', source: WP('Организация Объединённых Наций', 'United Nations') },
  { cyrillic: 'ОБСЕ', english: 'OSCE', expansion: 'Organization for Security and Co-operation in Europe', source: WP('Организация по безопасности и сотрудничеству в Европе', 'Organization for Security and Co-operation in Europe') },
  { cyrillic: 'ЕС', english: 'EU', expansion: 'European Union', ambiguous: true, source: WP('Европейский союз', 'European Union') },
  { cyrillic: 'США', english: 'US', expansion: 'United States', source: WP('Соединённые Штаты Америки', 'United States') },
  { cyrillic: 'МВФ', english: 'IMF', expansion: 'International Monetary Fund', source: WP('Международный валютный фонд', 'International Monetary Fund') },
  { cyrillic: 'ВТО', english: 'WTO', expansion: 'World Trade Organization', ambiguous: true, source: WP('Всемирная торговая организация', 'World Trade Organization') },
  { cyrillic: 'ВОЗ', english: 'WHO', expansion: 'World Health Organization', source: WP('Всемирная организация здравоохранения', 'World Health Organization') },
  { cyrillic: 'ВВП', english: 'GDP', expansion: 'gross domestic product', source: WP('Валовой внутренний продукт', 'Gross domestic product') },
  { cyrillic: 'РФ', english: 'RF', expansion: 'Russian Federation', ambiguous: true, source: WP('Россия', 'Russia') },
  { cyrillic: 'ГД', english: '', expansion: 'State Duma', ambiguous: true, source: WP('Государственная дума Российской Федерации', 'State Duma') },
  { cyrillic: 'СФ', english: '', expansion: 'Federation Council', ambiguous: true, source: WP('Совет Федерации', 'Federation Council (Russia)') },
  { cyrillic: 'МВД', english: 'MVD', expansion: 'Ministry of Internal Affairs, the Interior Ministry', ambiguous: true, source: WP('Министерство внутренних дел Российской Федерации', 'Ministry of Internal Affairs (Russia)') },
  { cyrillic: 'МЧС', english: 'EMERCOM', expansion: 'Ministry of Emergency Situations', source: WP('Министерство Российской Федерации по делам гражданской обороны', 'Ministry of Emergency Situations (Russia)') },
  { cyrillic: 'МО', english: 'MoD', expansion: 'Ministry of Defence', ambiguous: true, source: WP('Министерство обороны Российской Федерации', 'Ministry of Defence (Russia)') },
  { cyrillic: 'ВС', english: '', expansion: 'Armed Forces', ambiguous: true, source: WP('Вооружённые силы Российской Федерации', 'Russian Armed Forces') },
  { cyrillic: 'ВСУ', english: 'AFU', expansion: 'Armed Forces of Ukraine', source: WP('Вооружённые силы Украины', 'Armed Forces of Ukraine') },
  { cyrillic: 'ЗСУ', english: 'AFU', expansion: 'Armed Forces of Ukraine (Ukrainian ЗСУ)', source: WP('Вооружённые силы Украины', 'Armed Forces of Ukraine') },
  { cyrillic: 'СК', english: '', expansion: 'Investigative Committee', ambiguous: true, source: WP('Следственный комитет Российской Федерации', 'Investigative Committee of Russia') },
  { cyrillic: 'ФСИН', english: 'FPS', expansion: 'Federal Penitentiary Service', source: WP('Федеральная служба исполнения наказаний', 'Federal Penitentiary Service') },
  { cyrillic: 'СВО', english: '', expansion: '"special military operation" (the invasion of Ukraine)', source: WP('Вторжение России на Украину (с 2022)', 'Russian invasion of Ukraine') },
  { cyrillic: 'ДНР', english: 'DPR', expansion: "Donetsk People's Republic", source: WP('Донецкая Народная Республика', "Donetsk People's Republic") },
  { cyrillic: 'ЛНР', english: 'LPR', expansion: "Luhansk People's Republic", source: WP('Луганская Народная Республика', "Luhansk People's Republic") },
  { cyrillic: 'КПРФ', english: 'CPRF', expansion: 'Communist Party of the Russian Federation', source: WP('Коммунистическая партия Российской Федерации', 'Communist Party of the Russian Federation') },
  { cyrillic: 'НКО', english: 'NGO', expansion: 'non-governmental organisation', source: WP('Некоммерческая организация', 'Non-governmental organization') },
  { cyrillic: 'СМИ', english: '', expansion: 'the media', source: WP('Средства массовой информации', 'Mass media') },
  { cyrillic: 'ЧП', english: '', expansion: 'emergency, incident', source: 'Wiktionary: ЧП (чрезвычайное происшествие)' },
  { cyrillic: 'ВПК', english: '', expansion: 'military-industrial complex', source: WP('Военно-промышленный комплекс России', 'Defense industry of Russia') },
  { cyrillic: 'АЭС', english: 'NPP', expansion: 'nuclear power plant', ambiguous: true, source: WP('Атомная электростанция', 'Nuclear power plant') },
  { cyrillic: 'ГЭС', english: 'HPP', expansion: 'hydroelectric power plant', source: WP('Гидроэлектростанция', 'Hydroelectricity') },
  { cyrillic: 'ТЭЦ', english: 'CHP', expansion: 'combined heat and power plant', source: WP('Теплоэлектроцентраль', 'Cogeneration') },
  { cyrillic: 'ЖКХ', english: '', expansion: 'housing and utilities', source: WP('Жилищно-коммунальное хозяйство', 'Public utility') },
  { cyrillic: 'ГИБДД', english: '', expansion: 'traffic police', source: WP('Государственная инспекция безопасности дорожного движения', 'State Traffic Safety Inspectorate') },
  { cyrillic: 'ПВО', english: '', expansion: 'air defence', source: WP('Противовоздушная оборона', 'Anti-aircraft warfare') },
  { cyrillic: 'ЗРК', english: 'SAM', expansion: 'surface-to-air missile system', source: WP('Зенитный ракетный комплекс', 'Surface-to-air missile') },
  { cyrillic: 'БПЛА', english: 'UAV', expansion: 'unmanned aerial vehicle (drone)', source: WP('Беспилотный летательный аппарат', 'Unmanned aerial vehicle') },
  { cyrillic: 'РСЗО', english: 'MLRS', expansion: 'multiple rocket launcher', source: WP('Реактивная система залпового огня', 'Multiple rocket launcher') },
  { cyrillic: 'РАН', english: 'RAS', expansion: 'Russian Academy of Sciences', ambiguous: true, source: WP('Российская академия наук', 'Russian Academy of Sciences') },
  { cyrillic: 'МГУ', english: 'MSU', expansion: 'Moscow State University', source: WP('Московский государственный университет', 'Moscow State University') },
  { cyrillic: 'ЦБ', english: 'CBR', expansion: 'Central Bank (of Russia)', ambiguous: true, source: WP('Центральный банк Российской Федерации', 'Central Bank of Russia') },
  { cyrillic: 'ОАО', english: 'OJSC', expansion: 'open joint-stock company', source: WP('Открытое акционерное общество', 'Joint-stock company') },
  { cyrillic: 'ЗАО', english: 'CJSC', expansion: 'closed joint-stock company', source: WP('Закрытое акционерное общество', 'Joint-stock company') },
  { cyrillic: 'ООО', english: 'LLC', expansion: 'limited liability company', source: WP('Общество с ограниченной ответственностью', 'Limited liability company') },
  { cyrillic: 'ПАО', english: 'PJSC', expansion: 'public joint-stock company', ambiguous: true, source: WP('Публичное акционерное общество', 'Public company') },
  { cyrillic: 'ПМР', english: '', expansion: 'Transnistria (Pridnestrovian Moldavian Republic)', source: WP('Приднестровская Молдавская Республика', 'Transnistria') },
  { cyrillic: 'ЦИК', english: 'CEC', expansion: 'Central Election Commission', source: WP('Центральная избирательная комиссия Российской Федерации', 'Central Election Commission of Russia') },
  { cyrillic: 'ЕР', english: '', expansion: 'United Russia (party)', ambiguous: true, source: WP('Единая Россия', 'United Russia') },
  { cyrillic: 'ВКС', english: '', expansion: 'Aerospace Forces', source: WP('Воздушно-космические силы Российской Федерации', 'Russian Aerospace Forces') },
  { cyrillic: 'ВМФ', english: '', expansion: 'Navy', source: WP('Военно-морской флот Российской Федерации', 'Russian Navy') },
  { cyrillic: 'ГУР', english: 'HUR', expansion: 'Main Directorate of Intelligence (Ukraine)', source: WP('Главное управление разведки Министерства обороны Украины', 'Main Directorate of Intelligence (Ukraine)') },
  { cyrillic: 'ФАС', english: 'FAS', expansion: 'Federal Antimonopoly Service', ambiguous: true, source: WP('Федеральная антимонопольная служба', 'Federal Antimonopoly Service') },
  { cyrillic: 'ФНС', english: 'FTS', expansion: 'Federal Tax Service', source: WP('Федеральная налоговая служба', 'Federal Tax Service (Russia)') },
  { cyrillic: 'РЖД', english: 'RZD', expansion: 'Russian Railways', source: WP('Российские железные дороги', 'Russian Railways') },
  { cyrillic: 'ГТРК', english: '', expansion: 'State Television and Radio Company', source: WP('ВГТРК', 'VGTRK') },
];

/** Latin letters per Cyrillic capital, over the common schemes (ISO 9, scholarly, BGN/PCGN, informal). */
const LETTERS: Readonly<Record<string, readonly string[]>> = {
  А: ['A'], Б: ['B'], В: ['V'], Г: ['G'], Д: ['D'], Е: ['E', 'YE', 'JE'], Ё: ['Ë', 'YO', 'JO', 'E'], Ж: ['ZH', 'Ž'], З: ['Z'],
  И: ['I'], Й: ['J', 'Y', 'I'], К: ['K'], Л: ['L'], М: ['M'], Н: ['N'], О: ['O'], П: ['P'], Р: ['R'], С: ['S'], Т: ['T'],
  У: ['U'], Ф: ['F'], Х: ['KH', 'H', 'X'], Ц: ['TS', 'C'], Ч: ['CH', 'Č'], Ш: ['SH', 'Š'], Щ: ['SHCH', 'ŠČ', 'Ŝ', 'SCH'],
  Ъ: [''], Ы: ['Y'], Ь: [''], Э: ['E', 'È'], Ю: ['YU', 'JU', 'Û', 'IU'], Я: ['YA', 'JA', 'Â', 'IA'],
};

/**
 * Every Latin form of a Cyrillic acronym (upper case) under the common schemes.
 *
 * @example
 * acronymForms('ОДКБ') // ['ODKB']
 * acronymForms('ЕАЭС') // ['EAES', 'EAÈS', 'YEAES', ...]
 */
export function acronymForms(cyrillic: string): string[] {
  let forms = [''];
  for (const ch of cyrillic.toUpperCase()) {
    const options = LETTERS[ch] ?? [ch];
    const next: string[] = [];
    for (const f of forms) for (const o of options) next.push(f + o);
    forms = next;
    if (forms.length > 256) forms = forms.slice(0, 256);
  }
  return [...new Set(forms)];
}
