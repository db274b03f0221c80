"""{% first_use_abbreviations %}...{% end_first_use_abbreviations %}: the first use of each abbreviation
inside
gets an <abbr> with its full name, linked to the glossary (dashboards/glossary.py). base.html wraps every
page's
content in it, so no template has to remember which words it uses first."""

from django import template
from django.utils.safestring import mark_safe

from dashboards.glossary import mark_first_use

register = template.Library()


class FirstUseNode(template.Node):
    child_nodelists = ("nodelist",)  # so {% block %} tags inside are found by {% extends %}

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        if context.get("glossary_page"):  # the glossary defines the words: it marks none
            return html
        return mark_safe(mark_first_use(html))  # noqa: S308 (rendered template output, with tags only added)


@register.tag
def first_use_abbreviations(parser, token):
    nodelist = parser.parse(("end_first_use_abbreviations",))
    parser.delete_first_token()
    return FirstUseNode(nodelist)
