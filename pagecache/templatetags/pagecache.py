"""{% hole %}: the part of a cached page that differs on every visit.

    {% load pagecache %}
    <span class="visit-count">{% hole "project_visit_count" pk=project.pk %}</span>
    <form method="post">{% hole "csrf_input" %} …</form>

The name is one that an app registered with pagecache.register_hole(); the
values must be plain (numbers, strings), since they are stored with the
page. A page rendered for the cache keeps a marker here and gets the hole
filled for each visit; any other page gets it filled at once.
"""

from django import template

from pagecache import holes

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name, **values):
    request = context.get("request")
    marked = getattr(request, "page_holes", None)
    if marked is not None:
        return marked.mark(name, values)
    return holes.fill_hole(request, name, values)
