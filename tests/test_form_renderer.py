"""The site's form renderer writes the plain widgets in Python: the HTML must be Django's own,
byte for byte, for every kind of value and attribute a form of the site gives them."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from cchc.form_renderer import Renderer


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Lý do <b>")}))
    number = forms.DecimalField(localize=True, widget=forms.NumberInput(attrs={"step": "any"}))
    integer = forms.IntegerField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 1}), required=False)
    hidden = forms.IntegerField(widget=forms.HiddenInput, required=False)
    done = forms.BooleanField(required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}), required=False)
    when = forms.DateTimeField(required=False)
    email = forms.EmailField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    upload = forms.FileField(required=False, widget=forms.FileInput(attrs={"accept": ".pdf"}))
    choice = forms.ChoiceField(
        choices=[("", "—"), ("a", "Đạt & vượt"), (1, 1000), ("Nhóm", [("x", "X <1>"), ("y", "Y")])],
        required=False,
        widget=forms.Select(attrs={"disabled": True, "data-x": False}),
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    safe = forms.CharField(required=False)


CASES = [
    {},
    {
        "text": 'a "quoted" <value> & more',
        "number": "1234,5",
        "integer": "12",
        "note": "dòng 1\ndòng <2>",
        "hidden": "7",
        "done": "on",
        "day": "31/12/2025",
        "when": "31/12/2025 10:15",
        "email": "a@b.vn",
        "secret": "x<y",
        "choice": "y",
        "many": ["a", "b"],
        "safe": mark_safe("<i>giữ</i>"),
    },
]


@pytest.mark.parametrize("data", CASES)
def test_every_plain_widget_is_written_as_django_writes_it(data):
    ours, django = Everything(data or None), Everything(data or None)
    ours.renderer, django.renderer = Renderer(), DjangoTemplates()
    ours.is_bound and ours.is_valid()
    django.is_bound and django.is_valid()
    for name in Everything.base_fields:
        assert str(ours[name]) == str(django[name]), name


def test_unbound_initial_values_of_every_type():
    initial = {
        "number": Decimal("1234.50"),
        "integer": 5,
        "day": datetime.date(2025, 12, 31),
        "when": datetime.datetime(2025, 12, 31, 10, 15, tzinfo=datetime.UTC),
        "done": True,
        "choice": 1,
    }
    ours, django = Everything(initial=initial), Everything(initial=initial)
    ours.renderer, django.renderer = Renderer(), DjangoTemplates()
    for name in Everything.base_fields:
        assert str(ours[name]) == str(django[name]), name


def test_a_whole_form_renders_the_same():
    ours, django = Everything(CASES[1]), Everything(CASES[1])
    ours.renderer, django.renderer = Renderer(), DjangoTemplates()
    assert str(ours) == str(django)
    assert 'value="a &quot;quoted&quot; &lt;value&gt; &amp; more"' in str(ours["text"])
