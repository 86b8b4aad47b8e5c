"""Text and accessibility facts read from uploaded files, so that the site
search can find words inside documents and editors learn which PDFs are not
accessible."""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

TEXT_LIMIT = 2_000_000  # characters kept for search from one file


def analyse(file, format_label):
    """Field values for a DocumentFile from its content."""
    if format_label == "PDF":
        return analyse_pdf(file)
    if format_label in {"TXT", "CSV"}:
        file.seek(0)
        text = file.read(TEXT_LIMIT * 2).decode("utf-8", "replace")
        file.seek(0)
        return {"text": text[:TEXT_LIMIT]}
    return {"text": ""}


def analyse_pdf(file):
    file.seek(0)
    try:
        reader = PdfReader(file)
        root = reader.trailer["/Root"]
        parts = []
        for page in reader.pages:
            parts.append(page.extract_text() or "")
            if sum(map(len, parts)) > TEXT_LIMIT:
                break
        text = "\n".join(parts).strip()[:TEXT_LIMIT]
        metadata = reader.metadata
        return {
            "text": text,
            "page_count": len(reader.pages),
            "pdf_has_text": bool(text),
            "pdf_tagged": "/StructTreeRoot" in root,
            "pdf_has_language": bool(root.get("/Lang")),
            "pdf_has_title": bool(metadata and metadata.title),
        }
    except (PyPdfError, KeyError, ValueError, TypeError) as error:
        # A PDF pypdf cannot read is still a valid download; say what we know.
        logger.warning("Cannot read PDF %s: %s", getattr(file, "name", "?"), error)
        return {"text": "", "pdf_has_text": False, "pdf_tagged": False,
                "pdf_has_language": False, "pdf_has_title": False}  # fmt: skip
    finally:
        file.seek(0)
