import { describe, expect, it } from 'vitest';
import { type ContentBlock, extractContent } from './content.ts';
import { parsePage } from './dom.ts';

const TITLE = 'الحكومة تعلن خطة جديدة لدعم المزارعين في المحافظات الجنوبية';

const PARAGRAPHS = [
  'أعلنت الحكومة، اليوم الأحد، خطة جديدة لدعم المزارعين في المحافظات الجنوبية، تشمل قروضاً ميسرة وتوزيع بذور محسنة على أكثر من عشرة آلاف أسرة.',
  'وقال وزير الزراعة في مؤتمر صحفي إن الخطة تمتد ثلاث سنوات، وإن المرحلة الأولى تبدأ مطلع الشهر المقبل؛ مشيراً إلى أن التمويل يأتي من الموازنة العامة.',
  'وأضاف الوزير أن الوزارة ستنشر قوائم المستفيدين على موقعها، وأن لجاناً محلية ستتابع التنفيذ في كل قرية، فهل تنجح الخطة هذه المرة؟',
  'ويرى خبراء أن الدعم المباشر للمزارعين الصغار، إذا وصل في موعده، قد يرفع الإنتاج ويخفض أسعار الخضار في الأسواق المحلية خلال الموسم المقبل.',
];

/** An Arabic news page with the usual chrome around the article. */
function newsPage(): string {
  return `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${TITLE} | جريدة الصباح</title>
<style>.menu{display:flex}</style><script>window.dataLayer=[];</script></head>
<body>
<header class="site-header"><nav class="main-menu"><ul>
  <li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li><li><a href="/economy">اقتصاد</a></li>
  <li><a href="/sports">رياضة</a></li><li><a href="/culture">ثقافة</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">الرئيسية</a> &gt; <a href="/economy">اقتصاد</a></div>
<div class="cookie-banner">نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا، وباستمرارك في التصفح فإنك توافق على سياسة الخصوصية الخاصة بنا.</div>
<main class="layout">
<div class="article-wrap">
  <h1 class="headline">${TITLE}</h1>
  <div class="article-meta"><span class="date">الأحد، 12 مايو 2024 - 10:45 ص</span></div>
  <div class="share-bar"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a> شارك الخبر</div>
  <div class="article-body">
    <p>${PARAGRAPHS[0]}</p>
    <p>${PARAGRAPHS[1]}</p>
    <div class="related-box"><h3>اقرأ أيضاً</h3><a href="/a/1">وزير الزراعة يتفقد محصول القمح في الشمال</a></div>
    <h2>تفاصيل التمويل</h2>
    <p>${PARAGRAPHS[2]}</p>
    <figure><img src="/farm.jpg" alt=""><figcaption>مزارعون في حقل قمح (أرشيفية)</figcaption></figure>
    <p>${PARAGRAPHS[3]}</p>
  </div>
  <div class="tags"><a href="/t/1">الزراعة</a> <a href="/t/2">الحكومة</a></div>
</div>
<aside class="sidebar"><div class="most-read"><h3>الأكثر قراءة</h3><ol>
  <li><a href="/b/1">ارتفاع أسعار الذهب في السوق المحلية مع بداية تعاملات الأسبوع الجديد</a></li>
  <li><a href="/b/2">منتخب الشباب يتأهل إلى نهائي البطولة العربية بعد فوز صعب ومثير</a></li>
</ol></div></aside>
<section id="comments"><h3>التعليقات</h3>
  <div class="comment"><p>خطة ممتازة، لكن التنفيذ هو الأهم، ونتمنى أن تصل القروض إلى مستحقيها فعلاً وليس إلى الوسطاء كالعادة.</p></div>
  <form><textarea>أضف تعليقك</textarea><button>إرسال</button></form>
</section>
</main>
<footer class="site-footer"><p>جميع الحقوق محفوظة © جريدة الصباح 2024، ولا يجوز نقل المحتوى دون إذن مكتوب من إدارة التحرير.</p></footer>
</body></html>`;
}

function texts(blocks: ContentBlock[]): string[] {
  return blocks.map((block) => block.text);
}

function extract(html: string, title?: string): ContentBlock[] {
  return extractContent(parsePage(html), title === undefined ? {} : { title });
}

describe('extractContent on a news page', () => {
  const html = newsPage();
  const blocks = extract(html, TITLE);

  it('gives the paragraphs and the in-article heading, in reading order', () => {
    expect(texts(blocks)).toEqual([
      PARAGRAPHS[0],
      PARAGRAPHS[1],
      'تفاصيل التمويل',
      PARAGRAPHS[2],
      PARAGRAPHS[3],
    ]);
    expect(blocks.map((block) => block.kind)).toEqual([
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
    ]);
  });

  it('leaves out the menu, share bar, related box, caption, tags, most-read list, comments, footer and cookie banner', () => {
    const all = texts(blocks).join('\n');
    for (const chrome of [
      'الرئيسية',
      'فيسبوك',
      'اقرأ أيضاً',
      'وزير الزراعة يتفقد',
      'مزارعون في حقل',
      'الأكثر قراءة',
      'ارتفاع أسعار الذهب',
      'خطة ممتازة',
      'جميع الحقوق',
      'ملفات تعريف الارتباط',
      'الزراعة الحكومة',
    ]) {
      expect(all).not.toContain(chrome);
    }
  });

  it('leaves the headline and the date line out', () => {
    expect(texts(blocks)).not.toContain(TITLE);
    expect(texts(blocks).some((text) => text.includes('مايو 2024'))).toBe(false);
  });

  it('drops a leading <h1> when no title is given', () => {
    expect(texts(extract(html))[0]).toBe(PARAGRAPHS[0]);
  });

  it('gives each block the source range of its element', () => {
    for (const block of blocks) {
      const source = html.slice(block.start, block.end);
      expect(source).toMatch(/^<(p|h2)>/);
      expect(source).toContain(block.text.slice(0, 20));
    }
  });
});

describe('extractContent on unusual markup', () => {
  it('splits a paragraph at <br> and decodes entities', () => {
    const html = `<html><body><div class="content"><p>${PARAGRAPHS[0]}<br>${PARAGRAPHS[1]}<br/><br/>السطر الأخير &amp; الختام   بعد   مسافات.</p></div></body></html>`;
    const blocks = extract(html);
    expect(texts(blocks)).toEqual([PARAGRAPHS[0], PARAGRAPHS[1], 'السطر الأخير & الختام بعد مسافات.']);
    for (const block of blocks) expect(html.slice(block.start, block.end)).toContain(block.text.slice(0, 10));
  });

  it('reads text in nested divs without any <p>', () => {
    const html = `<html><body>
      <div class="menu"><div><a href="/">الرئيسية</a></div><div><a href="/x">أخبار</a></div></div>
      <div class="story"><div><div>${PARAGRAPHS[0]}</div></div><div><div>${PARAGRAPHS[1]}</div></div><div>${PARAGRAPHS[2]}</div></div>
    </body></html>`;
    expect(texts(extract(html))).toEqual(PARAGRAPHS.slice(0, 3));
  });

  it('keeps lists and block quotes inside the article with their kinds', () => {
    const html = `<html><body><article>
      <p>${PARAGRAPHS[0]}</p>
      <ul><li>القرض الأول بفائدة مخفضة، ويسدد على خمس سنوات.</li><li>البذور المحسنة توزع مجاناً على الأسر.</li></ul>
      <blockquote><p>نريد أن يبقى المزارع في أرضه، وأن يجد فيها رزقه.</p></blockquote>
      <p>${PARAGRAPHS[1]}</p>
    </article></body></html>`;
    const blocks = extract(html);
    expect(blocks.map((block) => block.kind)).toEqual([
      'paragraph',
      'list-item',
      'list-item',
      'quote',
      'paragraph',
    ]);
  });

  it('returns [] for a page with no article', () => {
    const html = `<html><body><nav><a href="/">الرئيسية</a></nav>
      <div class="home"><ul>${Array.from({ length: 20 }, (_, index) => `<li><a href="/n/${index}">عنوان خبر رقم ${index} في الصفحة الرئيسية</a></li>`).join('')}</ul></div>
      <footer>جميع الحقوق محفوظة</footer></body></html>`;
    expect(extract(html)).toEqual([]);
    expect(extract('')).toEqual([]);
    expect(extract('<html><body><p>قصير.</p></body></html>')).toEqual([]);
  });

  it('leaves out hidden and aria-hidden elements', () => {
    const html = `<html><body><article><p>${PARAGRAPHS[0]}</p>
      <p hidden>نص مخفي لا يظهر للقارئ أبداً، ولا يجوز أن يدخل في متن الخبر مهما طال.</p>
      <div aria-hidden="true"><p>نص آخر مخفي عن القارئ، موجود في الصفحة لأغراض التصميم فقط، وليس جزءاً من الخبر.</p></div>
      <p style="display: none">نص ثالث مخفي بأسلوب العرض، لا يراه القارئ ولا يجوز أن يدخل في المتن.</p>
      <p>${PARAGRAPHS[1]}</p></article></body></html>`;
    expect(texts(extract(html))).toEqual([PARAGRAPHS[0], PARAGRAPHS[1]]);
  });
});

describe('extractContent on malformed HTML', () => {
  it('reads unclosed tags and stray closing tags', () => {
    const html = `<html><body></div></span><div class="article-body"><p>${PARAGRAPHS[0]}<p>${PARAGRAPHS[1]}</div></div></div><p>${PARAGRAPHS[2]}`;
    const got = texts(extract(html));
    expect(got).toContain(PARAGRAPHS[0]);
    expect(got).toContain(PARAGRAPHS[1]);
  });

  it('reads a 2 MB single text node', () => {
    const sentence = 'هذه جملة طويلة، تتكرر كثيراً في نص واحد ضخم. ';
    const big = sentence.repeat(Math.ceil(2_000_000 / sentence.length));
    const html = `<html><body><div><p>${big}</p></div></body></html>`;
    const blocks = extract(html);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.text).toBe(big.trim());
  });

  it('reads very deep nesting without overflowing the stack', () => {
    const depth = 20_000;
    const html = `${'<div>'.repeat(depth)}<p>${PARAGRAPHS[0]}</p>${'</div>'.repeat(depth)}`;
    expect(texts(extract(html))).toEqual([PARAGRAPHS[0]]);
  });
});

describe('extractContent on an unreadable tree', () => {
  it('lets an unexpected exception through rather than answer that the page has no article', () => {
    const dom = parsePage(`<p>${PARAGRAPHS[0]}</p>`);
    const broken = {
      ...dom,
      get document(): never {
        throw new Error('unreadable tree');
      },
    };
    expect(() => extractContent(broken)).toThrow('unreadable tree');
  });
});
