"""The folded name, for searching without diacritics and matching a phone + name again."""

from django.db import migrations, models

from binhdan.core.text import fold


def fill_folded_names(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    batch = []
    for person in Person.objects.only("pk", "full_name").iterator(chunk_size=2000):
        person.name_folded = fold(person.full_name)
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["name_folded"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["name_folded"])


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_folded",
            field=models.CharField(db_index=True, default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill_folded_names, migrations.RunPython.noop),
    ]
