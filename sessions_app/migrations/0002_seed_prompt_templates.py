from django.db import migrations


def seed(apps, schema_editor):
    from sessions_app.prompt_library import TEMPLATES

    PromptTemplate = apps.get_model("sessions_app", "PromptTemplate")
    for approach, title, body in TEMPLATES:
        PromptTemplate.objects.get_or_create(title=title, defaults={"approach": approach, "body": body})


def unseed(apps, schema_editor):
    from sessions_app.prompt_library import TEMPLATES

    PromptTemplate = apps.get_model("sessions_app", "PromptTemplate")
    PromptTemplate.objects.filter(title__in=[title for _, title, _ in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("sessions_app", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
