from django.forms.renderers import TemplatesSetting


class KindredFormRenderer(TemplatesSetting):
    """Renders every form field through one accessible template: label, hint, the error
    next to the field, then the input (which Django links to both with aria-describedby)."""

    field_template_name = "components/field.html"
    form_template_name = "components/form.html"
