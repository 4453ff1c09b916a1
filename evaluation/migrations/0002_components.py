"""The components of the SAKIP evaluation and their weights (PermenPANRB 88/2021), as data:
an Inspektorat may change weights or add sub-components in the admin."""

from django.db import migrations

COMPONENTS = [
    ("perencanaan", "Perencanaan Kinerja", "30", 1, "PERENCANAAN KINERJA"),
    ("pengukuran", "Pengukuran Kinerja", "30", 2, "PENGUKURAN KINERJA"),
    ("pelaporan", "Pelaporan Kinerja", "15", 3, "PELAPORAN KINERJA"),
    (
        "evaluasi_internal",
        "Evaluasi Akuntabilitas Kinerja Internal",
        "25",
        4,
        "EVALUASI AKUNTABILITAS KINERJA INTERNAL",
    ),
]


def create(apps, schema_editor):
    Component = apps.get_model("evaluation", "Component")
    for code, name, weight, order, heading in COMPONENTS:
        Component.objects.update_or_create(
            code=code,
            defaults={"name": name, "weight": weight, "order": order, "printed_heading": heading},
        )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
