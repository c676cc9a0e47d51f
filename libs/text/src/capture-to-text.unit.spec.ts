import { captureToText } from './capture-to-text';

describe('a plain text capture', () => {
  it('changes only by Unicode NFC and line endings', () => {
    const { text } = captureToText({
      format: 'text',
      content: '  甲\r\n乙\r丙\u00a0 e\u0301 \n\n',
    });
    expect(text).toBe('  甲\n乙\n丙\u00a0 é \n\n');
  });

  it('keeps no-break spaces, leading and trailing blank lines as they are', () => {
    const content = '\n\n\u00a0\n\n0\n\n标题\u00a0\u00a0正文\n\n';
    expect(captureToText({ format: 'text', content }).text).toBe(content);
  });

  it('has the lowercase hex SHA-256 of its UTF-8 as textSha256', () => {
    expect(captureToText({ format: 'text', content: 'abc' }).textSha256).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('gives the same text and textSha256 every time', () => {
    const capture = { format: 'text' as const, content: '𠀾姓 👩‍💻\r\n' };
    expect(captureToText(capture)).toEqual(captureToText(capture));
  });

  it('has no front matter metadata, even when it starts with ---', () => {
    const result = captureToText({ format: 'text', content: '---\ntitle: x\n---\n正文' });
    expect(result.metadata).toEqual({});
    expect(result.text).toBe('---\ntitle: x\n---\n正文');
  });

  it('is refused with invalid_unicode when it holds a lone surrogate', () => {
    expect(() => captureToText({ format: 'text', content: '甲\ud800乙' })).toThrow(
      expect.objectContaining({ code: 'invalid_unicode' }),
    );
  });
});

describe('an html capture', () => {
  const text = (content: string) => captureToText({ format: 'html', content }).text;

  it('loses its tags and decodes its entities', () => {
    expect(text('<p>A &amp; B &lt;C&gt; &#x1F600; &quot;引&quot;</p>')).toBe('A & B <C> 😀 "引"');
  });

  it('turns block elements into paragraph breaks and <br> into line breaks', () => {
    expect(text('<h1>标题</h1><p>一<br>二</p><ul><li>甲</li><li>乙</li></ul>')).toBe(
      '标题\n\n一\n二\n\n甲\n\n乙',
    );
  });

  it('collapses white space as a browser does, keeping no-break spaces', () => {
    expect(text('<p>  Hello \n\t world  </p><p>&nbsp;&nbsp;缩进</p>')).toBe(
      'Hello world\n\n\u00a0\u00a0缩进',
    );
  });

  it('drops a source line break between two Chinese characters', () => {
    expect(text('<p>第一行\n第二行, and\nmore</p>')).toBe('第一行第二行, and more');
  });

  it('keeps preformatted text as written', () => {
    expect(text('<pre>\n  code\n    indented</pre>')).toBe('  code\n    indented');
  });

  it('leaves out what a reader does not see: scripts, styles, the head', () => {
    expect(
      text('<head><title>T</title></head><script>x()</script><style>p{}</style><p>正文</p>'),
    ).toBe('正文');
  });

  it('keeps link text and drops URLs and images', () => {
    expect(text('<p>见<a href="http://example.com">报告</a><img alt="图" src="a.png"></p>')).toBe(
      '见报告',
    );
  });

  it('puts table cells a space apart and rows on their own lines', () => {
    expect(
      text('<table><tr><th>年</th><th>产量</th></tr><tr><td>2023</td><td>13.78</td></tr></table>'),
    ).toBe('年 产量\n\n2023 13.78');
  });

  it('is in NFC even when entities spell a decomposed character', () => {
    expect(text('<p>e&#x301;</p>')).toBe('é');
  });
});

describe('a markdown capture', () => {
  const capture = (content: string) => captureToText({ format: 'markdown', content });

  it('is read as a reader sees it: no heading or emphasis markers, link text without URLs', () => {
    expect(
      capture('# 标题\n\n这是**重点**和[链接](http://example.com)，*斜体* `代码`。').text,
    ).toBe('标题\n\n这是重点和链接，斜体 代码。');
  });

  it('treats inline HTML as HTML', () => {
    expect(capture('<p>一段<strong>加粗</strong></p>\n\n正文 <span>内联</span>').text).toBe(
      '一段加粗\n\n正文 内联',
    );
  });

  it('keeps the author’s quotes and dashes as typed', () => {
    expect(capture('"quoted" -- dash...').text).toBe('"quoted" -- dash...');
  });

  it('takes its YAML front matter as metadata, dates as ISO strings with their offset', () => {
    const { text, metadata } = capture(
      '---\ntitle: "在高质量转型发展上迈出更大步伐"\ndate: 2022-05-26 07:32:30 +0800\n' +
        'day: 2024-03-08\ncount: 3\nquoted: "2022-05-26 07:32:30 +0800"\n---\n正文',
    );
    expect(text).toBe('正文');
    expect(metadata).toEqual({
      title: '在高质量转型发展上迈出更大步伐',
      date: '2022-05-26T07:32:30+08:00',
      day: '2024-03-08',
      count: 3,
      quoted: '2022-05-26 07:32:30 +0800',
    });
  });

  it('is refused with invalid_front_matter when the front matter is not a YAML mapping', () => {
    for (const content of [
      '---\n- a\n- b\n---\n正文',
      '---\na: 1\na: 2\n---\n正文',
      '---\na: [\n---\nx',
    ]) {
      expect(() => capture(content)).toThrow(
        expect.objectContaining({ code: 'invalid_front_matter' }),
      );
    }
  });

  it('has empty metadata without front matter or with an empty one', () => {
    expect(capture('正文').metadata).toEqual({});
    expect(capture('---\n---\n正文')).toMatchObject({ metadata: {}, text: '正文' });
  });
});
