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
  /** Longest line (characters, trimmed) the rule applies to. */
  readonly maxLength: number;
  readonly where: 'edge' | 'anywhere';
  readonly cutsTail?: boolean;
}

const rule = (
  reason: string,
  name: string,
  pattern: RegExp,
  where: 'edge' | 'anywhere' = 'edge',
  maxLength = 160,
  cutsTail = false,
): FurnitureRule => ({ id: `furniture/${reason}/${name}`, reason, pattern, maxLength, where, cutsTail });

/** Names of share targets; a line of only these ("Facebook Twitter Email") is a share bar. */
export const SHARE_WORDS: readonly string[] = [
  'facebook', 'twitter', 'x', 'linkedin', 'whatsapp', 'telegram', 'reddit', 'pinterest', 'email', 'e-mail', 'print', 'vk',
  'vkontakte', 'ok', 'pocket', 'tumblr', 'flipboard', 'messenger', 'copy', 'link', 'share', 'tweet', 'mail', 'sms', 'viber',
  'вконтакте', 'одноклассники', 'телеграм',
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
  rule('comment-form', 'ru-comment', /^(?:оставить|оставьте|добавить|написать|напишите) (?:свой |ваш )?(?:комментари|отзыв|ответ)/i, 'anywhere', 160, true),
  rule('comment-form', 'ru-comments-heading', /^(?:комментарии|обсуждение)\s?(?:\(\d{1,6}\))?\s?:?$/i, 'edge', 40, true),
  rule('comment-form', 'ru-email-not-published', /^ваш (?:e-?mail|адрес email|адрес электронной почты) не будет опубликован/i, 'anywhere', 200, true),

  // Share and follow bars.
  rule('share', 'share-this', /^(?:share|share this|share this (?:article|story|post|page)|share on|share via|spread the word|click to share|tweet this)\b[^.!?]{0,100}$/i, 'anywhere'),
  { id: 'furniture/share/share-networks', reason: 'share', words: SHARE_WORDS, maxLength: 200, where: 'anywhere' },
  rule('share', 'follow-us', /^(?:follow us|follow (?:him|her|them|the author) on|find us on|like us on|join us on|connect with us)\b[^.!?]{0,120}[.!]?$/i, 'anywhere'),
  rule('share', 'ru-share', /^(?:поделиться|поделитесь|расскажите друзьям|подписывайтесь на (?:нас|наш)|следите за (?:нами|новостями))/i, 'anywhere'),

  // Subscribe and newsletter prompts.
  rule('subscribe', 'newsletter', /^(?:subscribe|sign up|signup|get our|join our|don't miss|never miss)\b[^\n]{0,60}\b(?:newsletter|updates|inbox|email|digest|alerts?|channel)\b/i, 'edge', 200),
  rule('subscribe', 'subscribe-word', /^(?:subscribe(?: now)?|sign up(?: now)?|newsletter)\s?[!.:]?$/i, 'anywhere', 40),
  rule('subscribe', 'ru-subscribe', /^(?:подпишитесь|подписаться|подписка)\b/i, 'edge'),

  // "Read more" and related lists.
  rule('read-more', 'read-more', /^(?:read more|read also|read next|see also|more on this|more from|more stories|related(?: articles| stories| posts| content| news| coverage| reading)?|recommended(?: for you| stories| articles)?|you may also like|you might also like|also read|continue reading|most (?:read|popular|viewed)|trending(?: now)?|latest news|top stories)\b[^.!?]{0,120}[:.]?$/i, 'edge'),
  rule('read-more', 'ru-read-more', /^(?:читайте также|читать также|читать далее|читайте еще|читайте ещё|смотрите также|по теме|похожие (?:статьи|новости|материалы)|еще по теме|ещё по теме|самое читаемое|другие новости|материалы по теме)\b/i, 'edge'),

  // Cookie and consent notices.
  rule('cookie', 'cookie-notice', /^(?:this (?:web)?site uses cookies|we use cookies|by (?:using|continuing to use) this (?:web)?site|cookies? (?:policy|settings|preferences|consent)|accept (?:all )?cookies)/i, 'anywhere', 400),
  rule('cookie', 'ru-cookie', /^(?:этот сайт использует (?:файлы )?cookie|мы используем (?:файлы )?cookie|сайт использует cookie)/i, 'anywhere', 400),

  // Copyright and rights lines.
  rule('copyright', 'copyright', /^(?:©|\(c\)|copyright\b)[^\n]{0,200}$/i, 'edge', 240),
  rule('copyright', 'all-rights-reserved', /^[^\n]{0,120}\ball rights reserved\.?$/i, 'edge', 200),
  rule('copyright', 'ru-rights', /^[^\n]{0,120}(?:все права защищены|при (?:полном или частичном )?(?:использовании|копировании|перепечатке) материалов)/i, 'edge', 240),

  // Tag and category lists.
  rule('tags', 'tags', /^(?:tags|tagged|tagged with|topics|categories|category|filed under|posted in|keywords)\s?:/i, 'edge', 300),
  rule('tags', 'ru-tags', /^(?:теги|метки|рубрики?|ключевые слова)\s?:/i, 'edge', 300),

  // Lone tool words and ads.
  rule('tool', 'lone-tool-word', /^(?:print|email|e-mail|share|tweet|save|comment|comments|pin|copy link|font size|print this (?:article|page)|email this (?:article|page)|печать|распечатать|версия для печати)\s?:?$/i, 'anywhere', 30),
  rule('ad', 'advertisement', /^(?:advertisement|advertising|sponsored(?: content)?|реклама)\s?:?$/i, 'anywhere', 30),
  rule('nav', 'back-to-top', /^(?:back to top|scroll to top|наверх|в начало)\s?[↑^]?$/i, 'anywhere', 30),
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
} as const;
