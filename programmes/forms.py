from django import forms

from programmes.models import Task


class TaskUpdateForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Task
        fields = ["status", "date", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.TextInput(),
        }
        labels = {"date": "Date achieved or planned", "note": "Reason / note"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    @property
    def changes(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}
