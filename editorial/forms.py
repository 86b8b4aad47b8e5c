"""What every change form with history adds to the admin's form: the
version check (a save over a newer change is refused, with what changed)
and uploads kept across a form that came back with an error."""

import secrets

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editorial import history
from portal.czech import format_datetime
from portal.uploads import safe_filename


def guard_against_overwrites(form_class, obj):
    """``form_class`` with a hidden field holding what the form was opened
    on: ``obj``'s newest version and a fingerprint of it and its rows
    (history.seen_token). Saving over anything newer, written through this
    admin, another admin (a link group in its own admin) or any other path,
    is refused with who changed what and when; the form comes back with the
    editor's input (inlines too) and now remembers the newer state, so the
    editor merges and saves again. A post without the field, or with
    another item's version, is refused the same way and shows nothing of
    any other item."""

    def clean(self):
        cleaned_data = super(guarded, self).clean()
        name = self.add_prefix("opened_version")
        version_id, _colon, posted = self.data.get(name, "").partition(":")
        seen = history.version_of(self.instance, version_id) if version_id else None
        now = history.seen_token(self.instance)
        if _colon and (seen or not version_id) and posted == now.partition(":")[2]:
            return cleaned_data
        latest = history.latest_version(self.instance)
        data = self.data.copy()
        data[name] = now
        self.data = data
        if not _colon or (version_id and seen is None):
            # A script's post, or another item's version: nothing of what
            # that version holds is shown.
            self.conflict = None
            raise ValidationError(
                _(
                    "Formulář nenese údaj o verzi položky, ze které jste "
                    "vycházeli, a tak by mohl přepsat novější změny. Vaše úpravy "
                    "jsme neuložili; zůstaly ve formuláři. Zkontrolujte je a "
                    "uložte znovu."
                )
            )
        if latest is None or seen == latest:
            self.conflict = None
            raise ValidationError(
                _(
                    "Položku nebo její části (např. odkazy, soubory) mezitím "
                    "změnil někdo jiný, v jiné části správy. Vaše úpravy jsme "
                    "neuložili, aby tuto změnu nepřepsaly; zůstaly ve formuláři. "
                    "Zkontrolujte položku a uložte znovu."
                )
            )
        what = history.changed_labels(seen, latest) if seen else []
        self.conflict = {
            "revision": latest.revision,
            "changes": history.compare(seen, latest) if seen else None,
        }
        raise ValidationError(
            _(
                "Položku mezitím uložil(a) %(who)s %(when)s (změněno: %(what)s). "
                "Vaše úpravy jsme neuložili, aby nepřepsaly tuto změnu; zůstaly "
                "ve formuláři. Porovnejte je s rozdíly níže, převezměte, co "
                "z nich platí, a uložte znovu."
            )
            % {
                "who": history.author(latest.revision),
                "when": format_datetime(latest.revision.date_created),
                "what": ", ".join(what) or latest.revision.get_comment() or "–",
            }
        )

    guarded = type(form_class)(
        form_class.__name__,
        (form_class,),
        {
            "__module__": form_class.__module__,
            "opened_version": forms.CharField(
                widget=forms.HiddenInput,
                required=False,
                initial=history.seen_token(obj),
            ),
            "clean": clean,
        },
    )
    return guarded


# As before the move from portal.admin, so that tokens in open forms hold.
PENDING_SALT = "portal.admin.pending-upload"
PENDING_KEPT = 24 * 3600  # seconds a kept upload's token stays valid
# A kept upload may be a draft's document file: it waits in the private
# storage (settings.STORAGES, under PORTAL_PRIVATE_ROOT), which the web
# server never serves, not in public media.
PENDING_STORAGE = "documents"


def prune_pending(storage, now=None):
    """Remove kept uploads whose tokens have expired: nothing else would."""
    now = now or timezone.now()
    try:
        folders, _files = storage.listdir("pending")
    except (FileNotFoundError, NotImplementedError):
        return
    for folder in folders:
        names = storage.listdir(f"pending/{folder}")[1]
        paths = [f"pending/{folder}/{name}" for name in names]
        if all(
            (now - storage.get_modified_time(path)).total_seconds() > PENDING_KEPT
            for path in paths
        ):
            for path in paths:
                storage.delete(path)


def keep_uploads(form_class):
    """``form_class`` that keeps a file chosen in a form that came back with
    an error: the upload is stored under an unguessable name, the form
    carries a signed reference to it (portal's change_form.html renders
    it), and the next post uses it unless another file is chosen."""
    names = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.FileField)
    ]
    if not names:
        return form_class

    def full_clean(self):
        self.kept_uploads = {}
        if self.is_bound:
            for name in names:
                restore(self, name)
        super(kept, self).full_clean()
        if self.is_bound and self._errors:
            for name in names:
                keep(self, name)

    def restore(form, name):
        key = form.add_prefix(name)
        token = form.data.get(f"{key}__kept")
        if not token or form.files.get(key):
            return
        try:
            path = signing.loads(token, salt=PENDING_SALT, max_age=PENDING_KEPT)
        except signing.BadSignature:
            return
        storage = storages[PENDING_STORAGE]
        if not storage.exists(path):
            return
        with storage.open(path) as stored:
            upload = SimpleUploadedFile(path.rsplit("/", 1)[-1], stored.read())
        files = form.files.copy()
        files[key] = upload
        form.files = files
        form.kept_uploads[name] = {"key": f"{key}__kept", "token": token}

    def keep(form, name):
        key = form.add_prefix(name)
        upload = form.files.get(key)
        if upload is None or name in form.errors:
            return
        if name not in form.kept_uploads:
            upload.seek(0)
            storage = storages[PENDING_STORAGE]
            prune_pending(storage)
            path = storage.save(
                f"pending/{secrets.token_hex(12)}/{safe_filename(upload.name)}",
                upload,
            )
            form.kept_uploads[name] = {
                "key": f"{key}__kept",
                "token": signing.dumps(path, salt=PENDING_SALT),
            }
        # The bound field copied the help text when the form was cleaned.
        form.fields[name].help_text = form[name].help_text = _(
            "Vybraný soubor „%(name)s“ zůstává připravený; po opravě chyb se "
            "uloží, nemusíte ho vybírat znovu."
        ) % {"name": upload.name}

    kept = type(form_class)(
        form_class.__name__,
        (form_class,),
        {"__module__": form_class.__module__, "full_clean": full_clean},
    )
    return kept
