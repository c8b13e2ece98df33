/**
 * Staff write Markdown; readers get HTML that Taro's RichText can show and
 * that cannot run anything. `marked` renders, then `xss` keeps only a
 * whitelist: a tag or attribute it does not know is dropped, not escaped, so
 * a pasted `<script>` leaves no visible trace.
 */
import { Marked } from 'marked'
import { escapeAttrValue, FilterXSS, safeAttrValue } from 'xss'

/** Our own uploads only: a CloudBase file id or a local `/uploads/<hash>.<ext>` (the photoId rule). */
const OUR_IMAGE = /^(cloud:\/\/\S+|\/uploads\/[0-9a-f]{32}\.(jpg|png|webp|gif))$/
const WEB_LINK = /^https?:\/\/[^\s"'<>]+$/i

// Headings start at h2 (the page title is the h1) and stop at h4, the whitelist's range.
// `breaks`: staff press Enter for a new line, as in any editor, and expect to see one.
const markdown = new Marked({
  breaks: true,
  walkTokens(token) {
    if (token.type === 'heading') token.depth = Math.min(4, Math.max(2, token.depth))
  },
})

const filter = new FilterXSS({
  whiteList: {
    p: [],
    h2: [],
    h3: [],
    h4: [],
    strong: [],
    em: [],
    ul: [],
    ol: [],
    li: [],
    blockquote: [],
    br: [],
    a: ['href'],
    img: ['src', 'alt'],
  },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style'],
  safeAttrValue(tag, name, value, cssFilter) {
    if (tag === 'img' && name === 'src') return OUR_IMAGE.test(value) ? escapeAttrValue(value) : ''
    if (tag === 'a' && name === 'href') return WEB_LINK.test(value) ? escapeAttrValue(value) : ''
    return safeAttrValue(tag, name, value, cssFilter)
  },
})

/** An image the filter emptied (someone else's host, `onerror` tricks) is removed whole, not left as a broken box. */
const IMG_WITHOUT_SRC = /<img(?![^>]*\bsrc="[^"]+")[^>]*>/g

export function renderMarkdown(source: string): string {
  const html = filter.process(markdown.parse(source, { async: false }))
  // RichText has no page stylesheet for its nodes; a fixed inline style keeps photos inside the screen.
  return html.replace(IMG_WITHOUT_SRC, '').replace(/<img /g, '<img style="max-width:100%;height:auto;display:block" ').trim()
}

/** Inline tags sit inside a sentence: dropping them must not split "请**按时**参加" into "请 按时 参加". */
const INLINE_TAG = /<\/?(strong|em|b|i|a|code|span)\b[^>]*>/gi

/** Plain text of the source for a card's summary. */
export function summaryOf(html: string, max = 60): string {
  const text = html
    .replace(INLINE_TAG, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > max ? `${text.slice(0, max)}…` : text
}
