/**
 * Page furniture: lines that survive main-text extraction but are not the article
 * (comment forms, share and subscribe bars, "read more" lists, cookie notices, copyright
 * lines, tag lists, lone "Print"/"Email" words). Plain data; `furniture.ts` applies it.
 *
 * Every pattern is tested against one trimmed line of at most `maxLength` characters
 * (so never against a long prose paragraph), is anchored at the start, and uses no nested
 * quantifiers, so matching is linear in the line length.
 *
 * `where`:
 * - `head`: only in a run of furniture at the head of the text;
 * - `edge`: only in a run of furniture at the head or the tail of the text;
 * - `anywhere`: also between paragraphs (for lines that are never prose, like "Share this:").
 *
 * `cutsTail`: a comment-form prompt in the last part of the text ends the article: it and
 * the short lines after it are removed (long prose after it is kept).
 */
export interface FurnitureRule {
  /** Stable id, recorded with each removal: `furniture/<reason>/<name>`. */
  readonly id: string;
  /** Why such a line is not article text: `comment-form`, `share`, `subscribe`, `read-more`, `cookie`, `copyright`, `tags`, `tool`, `ad`, `nav`. */
  readonly reason: string;
  /** Tested against the trimmed line. */
  readonly pattern?: RegExp;
  /** Or: the line is two or more of these words (case-insensitive) and separators only. */
  readonly words?: readonly string[];
  /** Or: the line is a date stamp (numbers and {@link DATE_WORDS} only, one number at least). */
  readonly dateline?: boolean;
  /** Longest line (characters, trimmed) the rule applies to. */
  readonly maxLength: number;
  readonly where: 'head' | 'edge' | 'anywhere';
  readonly cutsTail?: boolean;
}

const rule = (
  reason: string,
  name: string,
  pattern: RegExp,
  where: 'head' | 'edge' | 'anywhere' = 'edge',
  maxLength = 160,
  cutsTail = false,
): FurnitureRule => ({ id: `furniture/${reason}/${name}`, reason, pattern, maxLength, where, cutsTail });

/** Names of share targets; a line of only these ("Facebook Twitter Email") is a share bar. */
export const SHARE_WORDS: readonly string[] = [
  'facebook', 'twitter', 'x', 'linkedin', 'whatsapp', 'telegram', 'reddit', 'pinterest', 'email', 'e-mail', 'print', 'vk',
  'vkontakte', 'ok', 'pocket', 'tumblr', 'flipboard', 'messenger', 'copy', 'link', 'share', 'tweet', 'mail', 'sms', 'viber',
  'вконтакте', 'одноклассники', 'телеграм',
];

/**
 * Words of a date stamp line ("Published 11:11 PM EST Nov 19, 2019", "Updated: Sat 8:31 PM",
 * "19 ноября 2019, 08:57"): months, weekdays, time zones, and the verbs around them.
 */
export const DATE_WORDS: readonly string[] = [
  // English months and weekdays, full and short
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'today', 'yesterday', 'ago', 'hour', 'hours', 'minute', 'minutes', 'day', 'days', 'st', 'nd', 'rd', 'th',
  // times and zones
  'am', 'pm', 'a', 'p', 'm', 'utc', 'gmt', 'est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt', 'et', 'pt', 'ct', 'hst', 'bst', 'cet', 'cest', 'eet', 'msk', 'ist', 'amt', 'h',
  // words around a date
  'published', 'updated', 'posted', 'modified', 'last', 'first', 'original', 'originally', 'on', 'at', 'date', 'time', 'and', 'of',
  // Russian
  'января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря',
  'январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь',
  'янв', 'фев', 'мар', 'апр', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек',
  'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье', 'сегодня', 'вчера', 'назад',
  'г', 'года', 'год', 'в', 'мск', 'опубликовано', 'обновлено', 'дата', 'публикации', 'обновления', 'изменено',
];

/** Characters that separate the words of a share bar. */
export const SHARE_SEPARATORS = /[\s,|•·/]+/;

/** The rules, in the order they are tried. */
export const FURNITURE_RULES: readonly FurnitureRule[] = [
  // Comment forms. "Leave a Reply" is matched without a word end: scraped pages glue the
  // next element on ("Leave a ReplyCancel reply").
  rule('comment-form', 'leave-a-reply', /^(?:leave|post|add|write|submit) (?:a |your |the )?(?:reply|comment|response)/i, 'anywhere', 200, true),
  rule('comment-form', 'comments-closed', /^comments? (?:are |is )?(?:closed|disabled)/i, 'anywhere', 120, true),
  rule('comment-form', 'email-not-published', /^your email address will not be published/i, 'anywhere', 200, true),
  rule('comment-form', 'required-fields', /^required fields are marked/i, 'anywhere', 120, true),
  rule('comment-form', 'must-be-logged-in', /^you must be (?:logged|signed) in to post a comment/i, 'anywhere', 160, true),
  rule('comment-form', 'n-comments', /^(?:\d{1,6}|no|one) (?:comments?|responses?|replies) (?:to|on)\b/i, 'edge', 200, true),
  rule('comment-form', 'comments-heading', /^(?:comments?|discussion|responses?)\s?(?:\(\d{1,6}\))?\s?:?$/i, 'edge', 40, true),
  rule('comment-form', 'ru-comment', /^(?:оставить|оставьте|добавить|написать|напишите) (?:свой |ваш )?(?:комментари|отзыв|ответ)/iu, 'anywhere', 160, true),
  rule('comment-form', 'ru-comments-heading', /^(?:комментарии|обсуждение)\s?(?:\(\d{1,6}\))?\s?:?$/iu, 'edge', 40, true),
  rule('comment-form', 'ru-email-not-published', /^ваш (?:e-?mail|адрес email|адрес электронной почты) не будет опубликован/iu, 'anywhere', 200, true),

  // Share and follow bars.
  rule('share', 'share-this', /^(?:share|share this|share this (?:article|story|post|page)|share on|share via|spread the word|click to share|tweet this)\b[^.!?]{0,100}$/i, 'anywhere'),
  { id: 'furniture/share/share-networks', reason: 'share', words: SHARE_WORDS, maxLength: 200, where: 'anywhere' },
  rule('share', 'follow-us', /^(?:follow us|follow (?:him|her|them|the author) on|find us on|like us on|join us on|connect with us)\b[^.!?]{0,120}[.!]?$/i, 'anywhere'),
  rule('share', 'ru-share', /^(?:поделиться|поделитесь|расскажите друзьям|подписывайтесь на (?:нас|наш)|следите за (?:нами|новостями))/iu, 'anywhere'),

  // Subscribe and newsletter prompts.
  rule('subscribe', 'newsletter', /^(?:subscribe|sign up|signup|get our|join our|don't miss|never miss)\b[^\n]{0,60}\b(?:newsletter|updates|inbox|email|digest|alerts?|channel)\b/i, 'edge', 200),
  rule('subscribe', 'subscribe-word', /^(?:subscribe(?: now)?|sign up(?: now)?|newsletter)\s?[!.:]?$/i, 'anywhere', 40),
  rule('subscribe', 'ru-subscribe', /^(?:подпишитесь|подписаться|подписка)(?![\p{L}\p{N}])/iu, 'edge'),

  // "Read more" and related lists.
  rule('read-more', 'read-more', /^(?:read more|read also|read next|see also|more on this|more from|more stories|related(?: articles| stories| posts| content| news| coverage| reading)?|recommended(?: for you| stories| articles)?|you may also like|you might also like|also read|continue reading|most (?:read|popular|viewed)|trending(?: now)?|latest news|top stories)\b[^.!?]{0,120}[:.]?$/i, 'edge'),
  rule('read-more', 'ru-read-more', /^(?:читайте также|читать также|читать далее|читайте еще|читайте ещё|смотрите также|по теме|похожие (?:статьи|новости|материалы)|еще по теме|ещё по теме|самое читаемое|другие новости|материалы по теме)(?![\p{L}\p{N}])/iu, 'edge'),

  // Cookie and consent notices.
  rule('cookie', 'cookie-notice', /^(?:this (?:web)?site uses cookies|we use cookies|by (?:using|continuing to use) this (?:web)?site|cookies? (?:policy|settings|preferences|consent)|accept (?:all )?cookies)/i, 'anywhere', 400),
  rule('cookie', 'ru-cookie', /^(?:этот сайт использует (?:файлы )?cookie|мы используем (?:файлы )?cookie|сайт использует cookie)/iu, 'anywhere', 400),

  // Copyright and rights lines.
  rule('copyright', 'copyright', /^(?:©|\(c\)|copyright\b)[^\n]{0,200}$/i, 'edge', 240),
  rule('copyright', 'all-rights-reserved', /^[^\n]{0,120}\ball rights reserved\.?$/i, 'edge', 200),
  rule('copyright', 'ru-rights', /^[^\n]{0,120}(?:все права защищены|при (?:полном или частичном )?(?:использовании|копировании|перепечатке) материалов)/iu, 'edge', 240),

  // Tag and category lists.
  rule('tags', 'tags', /^(?:tags|tagged|tagged with|topics|categories|category|filed under|posted in|keywords)\s?(?::|$)/i, 'edge', 300),
  rule('tags', 'ru-tags', /^(?:теги|метки|рубрики?|ключевые слова)\s?(?::|$)/iu, 'edge', 300),

  // Lone tool words and ads.
  rule('tool', 'lone-tool-word', /^(?:print|email|e-mail|share|tweet|save|comment|comments|pin|copy link|font size|print this (?:article|page)|email this (?:article|page)|печать|распечатать|версия для печати)\s?:?$/iu, 'anywhere', 30),
  rule('ad', 'advertisement', /^(?:advertisement|advertising|sponsored(?: content)?|реклама)\s?:?$/iu, 'anywhere', 30),
  rule('nav', 'back-to-top', /^(?:back to top|scroll to top|наверх|в начало)\s?[↑^]?$/iu, 'anywhere', 30),

  // Interface words left over from menus, galleries and players.
  rule('nav', 'interface', /^(?:home|sign in|sign up|log ?in|log out|register|menu|search|close|caption|expand|collapse|skip to (?:main )?content|skip navigation|loading(?: content)?\s?(?:\.{1,3}|…)?|continue reading(?: below)?|image \d{1,4} of (?:\/ )?\d{1,4}|this slideshow requires javascript\.?|media playback is unsupported on your device|главная|войти|вход|регистрация|поиск|меню|закрыть)$/iu, 'anywhere', 60),
  rule('nav', 'section-heading', /^(?:latest|popular|trending|recent|most recent|recent (?:articles|posts|stories)|popular (?:this week|today|now|articles|posts|stories)|more (?:news|stories|articles)|more \S{1,20} news|highlights|top news|последние новости|популярное|популярные|главное|новости партнеров|новости партнёров)\s?:?$/iu, 'edge', 40),

  // Date stamps and bylines at the head or tail (the date and byline are kept in the metadata).
  { id: 'furniture/dateline/date-stamp', reason: 'dateline', dateline: true, maxLength: 90, where: 'edge' },
  rule('byline', 'by-author', /^(?:by|from|автор|текст|фото и текст)\s?:?\s[^.!?\n]{1,90}$/iu, 'head', 100),
  rule('byline', 'author-bio', /^\p{Lu}[\p{L}.'’ -]{1,40} (?:is|was) (?:a|an|the)\b[^.!?\n]{0,100}\b(?:reporter|writer|editor|correspondent|journalist|columnist|contributor|producer|curator)\b/u, 'edge', 400),
  rule('nav', 'page-address', /^(?:https?:\/\/|www\.)\S{1,300}$/i, 'head', 310),

  // Picture credits and captions.
  rule('credit', 'credit-prefix', /^(?:image|images|photo|photos|picture|pictures|photograph|illustration|video|credit|credits|image copyright|image caption|media caption|photo credit|image credit|фото|фотография|иллюстрация|видео)\s?(?:copyright|credit|source|by)?\s?[:.|]/iu, 'anywhere', 160),
  rule('credit', 'credit-copyright', /^(?:image|photo|picture) copyright\b/i, 'anywhere', 160),
  rule('credit', 'agency-credit', /(?:getty images|shutterstock|istock|istockphoto|reuters|ap photo|associated press|afp|epa|pa images|alamy|nasa|\bap)\s?\)?$/i, 'anywhere', 70),
  rule('credit', 'credit-in-parentheses', /\((?:image|images|photo|photos|picture|credit|source|фото|источник)s?\s?(?:credit)?\s?:[^()]{1,100}\)$/iu, 'anywhere', 300),
  rule('credit', 'source-line', /^(?:source|sources|источник|источники)\s?:/iu, 'edge', 120),

  // Credits of the reporting, contact lines, click-here prompts.
  rule('credits', 'reporting-by', /^\(?(?:reporting|additional reporting|writing|editing|edited|compiled|research|reported) by\b/i, 'edge', 400),
  rule('credits', 'contributed', /^[^\n]{0,150}\bcontributed (?:to (?:this|the) (?:report|story|article)|reporting)\b/i, 'edge', 250),
  rule('contact', 'write-to', /^(?:write to|email|e-mail|contact|reach|have a (?:news )?tip\??)\b[^\n]{0,160}@/i, 'edge', 240),
  rule('contact', 'lone-address', /^(?:@\w{1,40}|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}|(?:https?:\/\/)?(?:www\.)?(?:twitter|x|facebook|instagram)\.com\/\w{1,60})$/i, 'edge', 120),
  rule('share', 'follow-on', /^[^\n]{0,100}\bfollow (?:us|him|her|them|me|@)/i, 'edge', 240),
  rule('share', 'follow-x-on', /^[^\n]{0,60}\bfollow [^.!?\n]{1,60} on (?:twitter|facebook|instagram|youtube|telegram|linkedin|tiktok)\b/i, 'edge', 240),
  rule('subscribe', 'sign-up-newsletter', /^[^\n]{0,100}\b(?:sign up|subscribe|get)\b[^\n]{0,100}\b(?:newsletters?|inbox|e-?mail alerts|magazine|subscription)\b/i, 'edge', 240),
  rule('subscribe', 'click-here', /^[^\n]{0,100}\bclick(?:ing)? here\b/i, 'anywhere', 150),
  rule('copyright', 'copyright-anywhere', /^[^\n]{0,150}(?:©|\(c\)\s?\d{4}|\bcopyright\s?(?:©\s?)?\d{4}|\bsubject to copyright\b)/i, 'edge', 300),

  // Russian press: error-report prompts and editorial disclaimers.
  rule('tool', 'ru-report-error', /^(?:нашли|заметили) (?:ошибку|опечатку)/iu, 'anywhere', 160),
  rule('disclaimer', 'ru-opinion', /^(?:мнение (?:редакции|автора)|точка зрения (?:редакции|автора))[^\n]{0,100}не (?:обязательно )?совпада/iu, 'edge', 200),
];

/**
 * Verdicts from the DOM rather than the words: a short block whose text is nearly all
 * link text (a menu item, a related-story headline), and a picture caption or credit.
 * A block whose text is a bare URL is a visible reference, not a link block.
 */
export const DOM_RULES = {
  /** A link block at the head or tail of the text. */
  linkBlock: { id: 'furniture/nav/link-block', reason: 'nav', maxLength: 200, where: 'edge' } as FurnitureRule,
  /** Two or more link blocks in a row anywhere: a menu or a list of related stories. */
  linkList: { id: 'furniture/nav/link-list', reason: 'nav', maxLength: 200, where: 'anywhere' } as FurnitureRule,
  /** Share of a block's characters inside links at or above which it is a link block. */
  minLinkShare: 0.9,
  caption: { id: 'furniture/caption/figcaption', reason: 'caption', maxLength: 600, where: 'anywhere' } as FurnitureRule,
  /** A one-word label above an HTML article ("Entertainment", "Review"): a section name. */
  kicker: { id: 'furniture/nav/kicker', reason: 'nav', pattern: /^\p{Lu}[\p{L}&'’-]{0,24}$/u, maxLength: 25, where: 'head' } as FurnitureRule,
  /** The page title repeated at the head of the text (it is kept in `meta.title`). */
  title: { id: 'furniture/title/repeated-title', reason: 'title', maxLength: 400, where: 'edge' } as FurnitureRule,
} as const;
