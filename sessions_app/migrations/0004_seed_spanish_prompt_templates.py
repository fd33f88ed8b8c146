from django.db import migrations


def seed(apps, schema_editor):
    from sessions_app.prompt_library import SPANISH_TEMPLATES

    PromptTemplate = apps.get_model("sessions_app", "PromptTemplate")
    for approach, title, body in SPANISH_TEMPLATES:
        PromptTemplate.objects.get_or_create(
            title=title, language="es", defaults={"approach": approach, "body": body}
        )


def unseed(apps, schema_editor):
    from sessions_app.prompt_library import SPANISH_TEMPLATES

    PromptTemplate = apps.get_model("sessions_app", "PromptTemplate")
    PromptTemplate.objects.filter(
        language="es", title__in=[title for _, title, _ in SPANISH_TEMPLATES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("sessions_app", "0003_prompt_template_language")]

    operations = [migrations.RunPython(seed, unseed)]
