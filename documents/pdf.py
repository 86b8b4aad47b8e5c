"""Small, valid PDFs with real Czech text, for the demo content.

Fonts cannot be relied on here (reportlab's bundled fonts lack Czech
letters), so the page uses the built-in Helvetica with an encoding whose
/Differences name each Czech glyph (ecaron, rcaron, uring …); text
extractors map those names back to Unicode. The file carries a title, a
language and a structure tree, as an accessible PDF should.
"""

import textwrap

# Glyph names from the Adobe Glyph List for the letters Czech needs beyond
# ASCII, plus Czech quotation marks and the dash.
GLYPHS = {
    "á": "aacute", "č": "ccaron", "ď": "dcaron", "é": "eacute", "ě": "ecaron",
    "í": "iacute", "ň": "ncaron", "ó": "oacute", "ř": "rcaron", "š": "scaron",
    "ť": "tcaron", "ú": "uacute", "ů": "uring", "ý": "yacute", "ž": "zcaron",
    "Á": "Aacute", "Č": "Ccaron", "Ď": "Dcaron", "É": "Eacute", "Ě": "Ecaron",
    "Í": "Iacute", "Ň": "Ncaron", "Ó": "Oacute", "Ř": "Rcaron", "Š": "Scaron",
    "Ť": "Tcaron", "Ú": "Uacute", "Ů": "Uring", "Ý": "Yacute", "Ž": "Zcaron",
    "„": "quotedblbase", "“": "quotedblleft", "–": "endash", "§": "section",
}  # fmt: skip
FIRST_CODE = 161
CODES = {char: FIRST_CODE + index for index, char in enumerate(GLYPHS)}
DIFFERENCES = " ".join(f"/{name}" for name in GLYPHS.values())


def _encode(text):
    out = bytearray()
    for char in text:
        if char in CODES:
            out.append(CODES[char])
        elif 32 <= ord(char) < 127:
            if char in "()\\":
                out.append(ord("\\"))
            out.append(ord(char))
        else:
            out.append(ord("?"))
    return bytes(out)


def _string(text):
    """A PDF text string (UTF-16BE with BOM) for metadata."""
    return b"<feff" + text.encode("utf-16-be").hex().encode() + b">"


def _lines(title, paragraphs):
    yield 16, title
    yield 12, ""
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, 85) or [""]:
            yield 11, line
        yield 11, ""


def build_pdf(title, paragraphs, lang="cs"):
    """A one-or-more-page PDF with the title and paragraphs as real text."""
    lines = list(_lines(title, paragraphs))
    pages, current, y = [], [], 800
    for size, line in lines:
        if y < 60:
            pages.append(current)
            current, y = [], 800
        current.append((size, y, line))
        y -= size + 6
    pages.append(current)

    objects = {}
    font_id, catalog_id, pages_id, struct_id, info_id = 1, 2, 3, 4, 5
    objects[font_id] = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << "
        b"/Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences ["
        + str(FIRST_CODE).encode()
        + b" "
        + DIFFERENCES.encode()
        + b"] >> >>"
    )
    page_ids = []
    next_id = 6
    for page in pages:
        content = bytearray(b"/P << /MCID 0 >> BDC BT\n")
        for size, y, line in page:
            content += b"/F1 %d Tf 1 0 0 1 56 %d Tm (" % (size, y)
            content += _encode(line) + b") Tj\n"
        content += b"ET EMC\n"
        stream_id, page_id = next_id, next_id + 1
        next_id += 2
        objects[stream_id] = (
            b"<< /Length %d >>\nstream\n" % len(content)
            + bytes(content)
            + b"\nendstream"
        )
        objects[page_id] = (
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R "
            b"/StructParents %d >>" % (pages_id, font_id, stream_id, len(page_ids))
        )
        page_ids.append(page_id)
    kids = b" ".join(b"%d 0 R" % page_id for page_id in page_ids)
    objects[pages_id] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        kids,
        len(page_ids),
    )
    objects[struct_id] = b"<< /Type /StructTreeRoot /K [] >>"
    objects[catalog_id] = (
        b"<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R "
        b"/MarkInfo << /Marked true >> /Lang (%s) "
        b"/ViewerPreferences << /DisplayDocTitle true >> >>"
        % (pages_id, struct_id, lang.encode("ascii"))
    )
    objects[info_id] = b"<< /Title " + _string(title) + b" /Producer (portal) >>"

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    count = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for number in range(1, count):
        out += b"%010d 00000 n \n" % offsets[number]
    out += (
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (count, catalog_id, info_id, xref)
    )
    return bytes(out)
