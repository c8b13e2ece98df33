import { renderMarkdown, summaryOf } from '../../../cloudfunctions/lib/announcements/render'

describe('announcements: Markdown to safe HTML', () => {
  it('should keep the formatting the toolbar offers', () => {
    const html = renderMarkdown('## 标题\n\n**加粗** *强调*\n\n- 一\n- 二\n\n1. 甲\n\n> 引用\n\n[链接](https://example.cn/a)')
    expect(html).toContain('<h2>标题</h2>')
    expect(html).toContain('<strong>加粗</strong>')
    expect(html).toContain('<em>强调</em>')
    expect(html).toContain('<ul>')
    expect(html).toContain('<ol>')
    expect(html).toContain('<blockquote>')
    expect(html).toContain('<a href="https://example.cn/a">链接</a>')
  })

  it('should turn a top-level heading into h2 and a deep one into h4', () => {
    expect(renderMarkdown('# 大标题')).toBe('<h2>大标题</h2>')
    expect(renderMarkdown('###### 小标题')).toBe('<h4>小标题</h4>')
  })

  it.each([
    ['a script with its body', '<script>alert(1)</script>正文', /script|alert/],
    ['an onerror handler', '<img src="/uploads/0123456789abcdef0123456789abcdef.jpg" onerror="alert(1)">', /onerror|alert/],
    ['a javascript: link in Markdown', '[点我](javascript:alert(1))', /javascript|alert/],
    ['a javascript: link in HTML', '<a href="javascript:alert(1)">点我</a>', /javascript|alert/],
    ['an event attribute on a paragraph', '<p onclick="steal()">段落</p>', /onclick|steal/],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /iframe|evil/],
    ['a style block', '<style>body{display:none}</style>', /style>|display:none/],
    ['an image from someone else’s host', '![x](https://evil.example/track.gif)', /evil|<img/],
    ['a data: image', '<img src="data:image/png;base64,AAAA">', /data:|<img/],
  ])('should strip %s', (_label, source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden)
  })

  it('should keep our own uploads as images that fit the screen', () => {
    const html = renderMarkdown('![活动照片](/uploads/0123456789abcdef0123456789abcdef.jpg)\n\n![](cloud://env-1.bucket/photos/a.png)')
    expect(html).toContain('<img style="max-width:100%;height:auto;display:block" src="/uploads/0123456789abcdef0123456789abcdef.jpg" alt="活动照片">')
    expect(html).toContain('src="cloud://env-1.bucket/photos/a.png"')
  })

  it('should summarise the text without tags or entities', () => {
    expect(summaryOf(renderMarkdown('## 通知\n\n请**按时**参加 & 签到'))).toBe('通知 请按时参加 & 签到')
    expect(summaryOf('<p>一二三四五</p>', 3)).toBe('一二三…')
  })
})

describe('announcements: line breaks', () => {
  it('should keep a single Enter as a line break, as staff typed it', () => {
    expect(renderMarkdown('第一行\n第二行')).toBe('<p>第一行<br>第二行</p>')
  })
})
