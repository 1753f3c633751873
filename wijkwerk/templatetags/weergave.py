"""|naam and |euro (wijkwerk.weergave), and {% gegeven "Label" %}…{% endgegeven %}: one row of
an NL Design System data list (includes/gegeven.html). A builtin: no {% load %} needed."""

from django import template

from wijkwerk import weergave

register = template.Library()

register.filter("naam", weergave.naam)
register.filter("euro", weergave.euro)


@register.tag
def gegeven(parser, token):
    try:
        _, label = token.split_contents()
    except ValueError:
        gebruik = 'Gebruik: {% gegeven "Label" %}…{% endgegeven %}'
        raise template.TemplateSyntaxError(gebruik) from None
    nodelist = parser.parse(("endgegeven",))
    parser.delete_first_token()
    return GegevenNode(parser.compile_filter(label), nodelist)


class GegevenNode(template.Node):
    def __init__(self, label, nodelist):
        self.label, self.nodelist = label, nodelist

    def render(self, context):
        rij = context.template.engine.get_template("includes/gegeven.html")
        # The value is the block as rendered here (already escaped), shown as it is.
        with context.push(label=self.label.resolve(context), waarde=self.nodelist.render(context)):
            return rij.render(context)
