import pytest

from portal.richtext import sanitize_html
from tests.factories import make_page

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<a href="java\tscript:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="heslo"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<style>body{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<body onload="alert(1)">',
    '<a href="https://example.cz" onclick="alert(1)">klik</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<base href="https://evil.example/">',
]


@pytest.mark.parametrize("payload", XSS)
def test_known_xss_payloads_are_neutralised(payload):
    clean = sanitize_html(payload).lower()
    for danger in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "data:",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<meta",
        "<style",
        "style=",
        "expression(",
        "<svg",
        "<base",
    ):
        assert danger not in clean, (payload, clean)


def test_word_paste_keeps_structure_and_loses_styling():
    pasted = (
        '<h1 class="MsoTitle">Titulek</h1><h2 style="mso-bidi-font-weight:normal">Nadpis</h2>'
        '<p class="MsoNormal"><b>tučně</b> a <i>kurzíva</i> <o:p></o:p></p>'
        "<ul><li>první</li><li>druhá</li></ul><ol><li>1.</li></ol>"
        '<table><thead><tr><th scope="col">Rok</th></tr></thead><tbody><tr><td>2016</td></tr></tbody></table>'
        '<blockquote>citace</blockquote><p><a href="https://www.socialni-zaclenovani.cz/">odkaz</a></p>'
    )
    clean = sanitize_html(pasted)
    for kept in [
        "<h2>Nadpis</h2>",
        "<b>tučně</b>",
        "<i>kurzíva</i>",
        "<li>druhá</li>",
        '<th scope="col">Rok</th>',
        "<td>2016</td>",
        "<blockquote>citace</blockquote>",
        'href="https://www.socialni-zaclenovani.cz/"',
    ]:
        assert kept in clean
    assert "class=" not in clean and "style=" not in clean and "<h1" not in clean


def test_rich_text_is_sanitised_on_every_save(client, db):
    page = make_page(
        title="Stránka", body='<p onclick="x()">Text</p><script>alert(1)</script>'
    )
    page.refresh_from_db()
    assert page.body == "<p>Text</p>"
    assert (
        "<script>"
        not in client.get(page.get_absolute_url()).content.decode().split("<main", 1)[1]
    )
