from django import forms

from core.forms import LeanSelect

CHOICES = [("", "Any lead"), ("1", "Smith & Co"), ("2", "<PCT>")]


class _Form(forms.Form):
    stock = forms.ChoiceField(choices=CHOICES, required=False)
    lean = forms.ChoiceField(choices=CHOICES, required=False, widget=LeanSelect)


def _compact(html):
    return "".join(line.strip() for line in html.splitlines())


def test_it_writes_the_same_select_as_django():
    form = _Form({"stock": "1", "lean": "1"})
    stock = _compact(str(form["stock"]))
    lean = str(form["lean"])
    assert lean == stock.replace(
        'name="stock" id="id_stock"', 'name="lean" id="id_lean"'
    )
    assert '<option value="1" selected>Smith &amp; Co</option>' in lean
    assert '<option value="2">&lt;PCT&gt;</option>' in lean


def test_it_keeps_attributes_and_selects_the_empty_choice_for_no_value():
    widget = LeanSelect(
        attrs={"class": "form-select", "required": True}, choices=CHOICES
    )
    html = widget.render("lead", None, attrs={"id": "id_lead"})
    assert html.startswith(
        '<select name="lead" class="form-select" id="id_lead" required>'
    )
    assert html.count(" selected") == 1
    assert '<option value="" selected>Any lead</option>' in html
    assert html.count("<option") == 3
