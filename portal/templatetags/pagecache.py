"""{% hole %}: the per-request part of a page that the page cache keeps;
{% shared %}: a piece that many pages show the same way.

    {% load pagecache %}
    <span class="visit-count">{% hole "project_visit_count" pk=project.pk %}</span>
    <form method="post">{% hole "csrf_input" %} …</form>

The name is one that an app registered with portal.pagecache.register_hole();
the values must be plain (numbers, strings), since they are stored with the
page. A page rendered for the cache keeps a marker here and gets the hole
filled for each visit; any other page gets it filled at once.

    {% shared "document_row" document.pk %}…{% endshared %}

keeps the piece's HTML for every page that shows it (in the page's
language) while nothing the page had read has changed
(portal.pagecache.shared_fragment()): a document's row is rendered once,
not on every list, filter and page number it appears on. The values after
the name must identify what the piece shows.

    {% shared_block "home_block" section.key %}…{% endshared_block %}

does the same for a block that reads all its data inside itself (a method
or queryset evaluated in the block, not before it): it stays valid while
the tables read inside it are unchanged, whatever else the page read.
"""

from django import template
from django.template.loader_tags import BlockNode

from portal import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name, **values):
    request = context.get("request")
    holes = getattr(request, "page_holes", None)
    if holes is not None:
        return holes.mark(name, values)
    return pagecache.fill_hole(request, name, values)


def _shared_tag(own_reads):
    def compile_tag(parser, token):
        bits = token.split_contents()
        if len(bits) < 2:
            raise template.TemplateSyntaxError(f"{{% {bits[0]} %}} needs a name.")
        parts = [parser.compile_filter(bit) for bit in bits[1:]]
        nodelist = parser.parse((f"end{bits[0]}",))
        parser.delete_first_token()
        if nodelist.get_nodes_by_type(BlockNode):
            # Kept once for every template that extends this one, it would
            # show one template's version of the block on all their pages.
            raise template.TemplateSyntaxError(
                f"{{% {bits[0]} %}} cannot hold a {{% block %}}."
            )
        return SharedNode(parts, nodelist, own_reads)

    return compile_tag


register.tag("shared", _shared_tag(own_reads=False))
register.tag("shared_block", _shared_tag(own_reads=True))


class SharedNode(template.Node):
    # A kept piece holds no {% block %} (compile_tag() refuses one), so
    # {% extends %}, which looks for the layout's blocks on every render,
    # need not walk through it: the masthead, menu and footer were a tenth
    # of the home page's calls.
    child_nodelists = ()

    def __init__(self, parts, nodelist, own_reads):
        self.parts = parts
        self.nodelist = nodelist
        self.own_reads = own_reads

    def render(self, context):
        return pagecache.shared_fragment(
            context.get("request"),
            pagecache.piece_name(*(part.resolve(context) for part in self.parts)),
            lambda: self.nodelist.render(context),
            own_reads=self.own_reads,
        )
