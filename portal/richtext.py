"""Rich text: whatever the editor (or a paste from Word) sends is reduced to
an allow-list of tags and attributes before it is saved."""

import nh3
from django_ckeditor_5.fields import CKEditor5Field

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub",
    "sup", "a", "ul", "ol", "li", "blockquote", "table", "thead", "tbody",
    "tfoot", "tr", "th", "td", "caption", "figure", "figcaption", "img", "hr",
    "span", "abbr", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "lang"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "span": {"lang"},
    "p": {"lang"},
    "blockquote": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(value):
    """Allow-listed HTML; script, event handlers, style and javascript: or
    data: URLs are dropped."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class RichTextField(CKEditor5Field):
    """A CKEditor 5 field whose value is sanitised on every save, whether it
    comes from the admin, an import or the shell."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
