"""Form pieces every module uses: text that is normalized and refuses invisible characters."""

from datetime import datetime
from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, EmailField, Form, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from conference import text
from conference.timeutil import HANOI, local_to_utc, to_local

_TRANSLATIONS_DIR = Path(__file__).parent / "translations"


@cache
def _wtforms_catalog(locale: str) -> NullTranslations:
    return Translations.load(str(_TRANSLATIONS_DIR), [locale], domain="wtforms")


class _WTFormsMessages:
    """WTForms' own messages ("This field is required.") in the request's language."""

    def gettext(self, string: str) -> str:
        return _wtforms_catalog(str(get_locale())).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalog(str(get_locale())).ungettext(singular, plural, n)


class BaseForm(FlaskForm):
    """The form every module's forms derive from, so that built-in messages are in Vietnamese."""

    class Meta:
        def get_translations(self, form):
            return _WTFormsMessages()


class SubForm(Form):
    """Fields repeated inside a form (a FieldList of FormFields): messages in Vietnamese too,
    and no CSRF token of its own (the enclosing form has one)."""

    class Meta:
        def get_translations(self, form):
            return _WTFormsMessages()


class NoControlCharacters:
    """Refuse control and invisible format characters (pasted from PDFs, or hostile)."""

    def __init__(self, allow_newlines: bool = False):
        self.allow_newlines = allow_newlines

    def __call__(self, form, field) -> None:
        if field.data and text.has_control_characters(field.data, self.allow_newlines):
            raise ValidationError(_l("Có ký tự điều khiển hoặc ký tự ẩn; hãy gõ lại nội dung này."))


def _length_message(maximum: int):
    return _l("Tối đa %(max)d ký tự.", max=maximum)


class CleanStringField(StringField):
    """A one-line text field: NFC, trimmed, at most max_length characters, no control characters."""

    def __init__(self, label=None, validators=None, max_length: int = 200, **kwargs):
        validators = [
            *(validators or []),
            Length(max=max_length, message=_length_message(max_length)),
            NoControlCharacters(),
        ]
        kwargs.setdefault("render_kw", {}).setdefault("maxlength", max_length)
        super().__init__(label, validators, filters=[text.normalize], **kwargs)


class CleanTextAreaField(TextAreaField):
    """A multi-line text field with the same rules as CleanStringField, line breaks kept."""

    def __init__(self, label=None, validators=None, max_length: int = 4000, **kwargs):
        validators = [
            *(validators or []),
            Length(max=max_length, message=_length_message(max_length)),
            NoControlCharacters(allow_newlines=True),
        ]
        kwargs.setdefault("render_kw", {}).setdefault("maxlength", max_length)
        super().__init__(label, validators, filters=[text.normalize_multiline], **kwargs)


class LocalDateTimeField(DateTimeLocalField):
    """A date and time typed in Hanoi time and handed to services as an aware UTC datetime."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(label, validators, **kwargs)

    def process_data(self, value: datetime | None) -> None:
        self.data = to_local(value, HANOI).replace(tzinfo=None) if value else value

    @property
    def utc(self) -> datetime | None:
        return local_to_utc(self.data, HANOI) if self.data else None


def cleaned_data(form: FlaskForm, names: tuple[str, ...]) -> dict:
    """Return the named fields' values for a service, with local times turned into UTC."""
    return {
        name: field.utc if isinstance(field, LocalDateTimeField) else field.data
        for name in names
        for field in (form[name],)
    }


def add_error(field, message: str) -> None:
    """Show a message from a service next to a field (errors is a tuple until validation runs)."""
    field.errors = [*field.errors, message]


def email_field(label) -> EmailField:
    """A required e-mail address, stored trimmed and in lower case so that duplicates match."""
    return EmailField(
        label,
        [DataRequired(), Email(check_deliverability=False), Length(max=254)],
        filters=[lambda value: value.strip().lower() if value else value],
        render_kw={"autocomplete": "email", "maxlength": 254},
    )
