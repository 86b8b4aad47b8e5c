from django.core.management.base import BaseCommand

import pagecache
from documents.extraction import analyse
from documents.models import DocumentFile


class Command(BaseCommand):
    help = "Znovu vytěží text a údaje o přístupnosti ze všech nahraných souborů."

    def handle(self, *args, **options):
        done = missing = 0
        for document_file in DocumentFile.objects.exclude(file="").iterator(
            chunk_size=200
        ):
            try:
                with document_file.file.open("rb") as handle:
                    facts = analyse(handle, document_file.format)
            except FileNotFoundError:
                missing += 1
                self.stderr.write(f"Chybí soubor: {document_file.file.name}")
                continue
            DocumentFile.objects.filter(pk=document_file.pk).update(**facts)
            done += 1
        if done:
            # update() sends no signal: the pages showing the files are old.
            pagecache.bump([DocumentFile._meta.db_table])
        self.stdout.write(f"Zpracováno souborů: {done}, chybějících: {missing}.")
