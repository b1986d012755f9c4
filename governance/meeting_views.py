"""The executive committee's meetings, minutes and actions (issue #18).

Executive members of the committee's consortium draft, finalise and correct the
record and keep the actions; PCT staff read everything; practice managers read
finalised records only (a draft is "Page not found" to them).
"""

import copy
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from core.access import get_object_for_user, get_rw_object_for_user
from core.documents import serve_document
from core.editing import EditConflict, take_pending_edit
from core.exports import export_response
from core.log import log_for
from core.middleware import keeps_edit_over_sign_in
from core.tables import paginate
from governance.calendar import feed_for
from governance.meeting_forms import (
    ActionFilterForm,
    ActionForm,
    AttendanceForm,
    CompleteActionForm,
    DropActionForm,
    MeetingForm,
    MinuteItemForm,
)
from governance.meeting_services import (
    MeetingError,
    add_action,
    add_attendance,
    add_item,
    complete_action,
    create_meeting,
    drop_action,
    finalise_meeting,
    meeting_snapshot,
    remove_part,
    reopen_action,
    reopen_for_correction,
    start_next_meeting,
    update_part,
)
from governance.meeting_tables import ActionTable
from governance.models import (
    Action,
    Attendance,
    CalendarFeed,
    Committee,
    CommitteeMembership,
    Meeting,
    MeetingRecord,
    MinuteItem,
)
from governance.models.meetings import columns
from governance.roles import members_only


def _meetings():
    return Meeting.objects.select_related("committee__organisation", "recorded_by")


@members_only
@require_safe
def meeting_list(request):
    meetings = list(_meetings().visible_to(request.user).prefetch_related("records"))
    committees = Committee.objects.visible_to(request.user)
    memberships = CommitteeMembership.objects.filter(
        committee__in=committees
    ).select_related("person", "organisation", "committee")
    writable = [c for c in committees if c.is_writable_by(request.user)]
    context = {
        "meetings": meetings,
        "memberships": memberships,
        "can_add": bool(writable),
        "today": timezone.localdate(),
    }
    return render(request, "governance/meetings/meeting_list.html", context)


def _latest_record(meeting):
    return meeting.records.order_by("-version_number").first()


@require_safe
def meeting_detail(request, pk):
    meeting, can_write = get_object_for_user(request, _meetings(), pk=pk)
    records = list(meeting.records.order_by("-version_number"))
    if meeting.is_draft and records and not meeting.shows_drafts_to(request.user):
        # A correction in progress: this reader sees the last issued version.
        record = records[0].snapshot
    else:
        record = meeting_snapshot(meeting)
    actions = list(
        meeting.actions.select_related("owner", "task_link__task__objective")
    )
    carried = list(
        Action.objects.carried_to(meeting)
        .visible_to(request.user)
        .for_display()
        .order_by("meeting__held_on", "order")
    )
    context = {
        "meeting": meeting,
        "can_write": can_write,
        "can_edit": can_write and meeting.is_draft,
        "record": record,
        "attended_columns": columns(record["attended"]),
        "apology_columns": columns(record["apologies"]),
        "records": records,
        "actions": actions,
        "carried": carried,
        "items": list(meeting.items.order_by("number")) if can_write else [],
        "attendance": (
            list(meeting.attendance.select_related("person")) if can_write else []
        ),
        "log": log_for(meeting, limit=20) if can_write else [],
    }
    return render(request, "governance/meetings/meeting_detail.html", context)


@require_safe
def record_pdf(request, pk):
    record = get_object_or_404(MeetingRecord, pk=pk)
    get_object_for_user(request, Meeting.objects.all(), pk=record.meeting_id)
    return serve_document(request, record)


@members_only
@require_http_methods(["GET", "POST"])
def add_meeting(request):
    committees = [
        c
        for c in Committee.objects.visible_to(request.user)
        if c.is_writable_by(request.user)
    ]
    if not committees:
        raise PermissionDenied
    queryset = Committee.objects.filter(pk__in=[c.pk for c in committees])
    if request.method == "POST":
        form = MeetingForm(request.POST, committees=queryset)
        if form.is_valid():
            meeting = create_meeting(form.instance, user=request.user)
            messages.success(
                request, f"Added the meeting of {meeting.held_on:%-d %B %Y}."
            )
            return redirect(meeting)
    else:
        form = MeetingForm(committees=queryset)
    context = {"form": form, "adding": True}
    return render(request, "governance/meetings/meeting_form.html", context)


def _render_conflict(request, template, form_class, form, conflict, context):
    newer = conflict.current
    data = form.data.copy()
    data["version"] = newer.version
    form = form_class(data, instance=copy.copy(newer))
    form.is_valid()
    context = {**context, "form": form, "conflict": conflict}
    return render(request, template, context, status=409)


@require_http_methods(["GET", "POST"])
def change_meeting(request, pk):
    meeting = get_rw_object_for_user(request, _meetings(), pk=pk)
    if not meeting.is_draft:
        messages.error(request, "Correct the finalised record first to change it.")
        return redirect(meeting)
    template = "governance/meetings/meeting_form.html"
    if request.method == "POST":
        form = MeetingForm(request.POST, instance=meeting)
        if form.is_valid():
            try:
                _, changed = update_part(
                    form.instance,
                    fields=form.edited_fields,
                    expected_version=form.cleaned_data.get("version"),
                    user=request.user,
                )
            except EditConflict as conflict:
                return _render_conflict(
                    request, template, MeetingForm, form, conflict, {"meeting": meeting}
                )
            except MeetingError as refusal:
                messages.error(request, str(refusal))
                return redirect(meeting)
            if changed:
                messages.success(request, "Saved the meeting's details.")
            return redirect(meeting)
    else:
        form = MeetingForm(instance=meeting)
    return render(request, template, {"form": form, "meeting": meeting})


# ---------------------------------------------------------------------------
# Parts of a draft: attendance lines, minute items, actions
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    name: str
    model: type
    form: type
    label: str
    anchor: str
    editable: bool = True


PARTS = {
    part.name: part
    for part in (
        Part(
            "attendance",
            Attendance,
            AttendanceForm,
            "attendance line",
            "attendance",
            False,
        ),
        Part("item", MinuteItem, MinuteItemForm, "minute item", "minutes"),
        Part("action", Action, ActionForm, "action", "actions"),
    )
}


def _draft_meeting(request, pk):
    """The meeting, for an executive of its committee, while it is a draft."""
    meeting = get_rw_object_for_user(request, _meetings(), pk=pk)
    if not meeting.is_draft:
        messages.error(request, "Correct the finalised record first to change it.")
        return meeting, False
    return meeting, True


def _load_part(request, part, pk):
    obj = get_object_or_404(part.model.objects.select_related("meeting"), pk=pk)
    meeting, is_draft = _draft_meeting(request, obj.meeting_id)
    return obj, meeting, is_draft


def _part_url(meeting, part):
    return f"{meeting.get_absolute_url()}#{part.anchor}"


@require_http_methods(["GET", "POST"])
def add_part(request, pk, part):
    part = PARTS[part]
    meeting, is_draft = _draft_meeting(request, pk)
    if not is_draft:
        return redirect(meeting)
    template = "governance/meetings/part_form.html"
    if request.method == "POST":
        form = part.form(request.POST, instance=part.model(meeting=meeting))
        if form.is_valid():
            data = form.cleaned_data
            try:
                if part.model is Attendance:
                    add_attendance(
                        meeting,
                        kind=data["kind"],
                        person=data["person"],
                        group=data["group"],
                        user=request.user,
                    )
                elif part.model is MinuteItem:
                    add_item(
                        meeting,
                        heading=data["heading"],
                        text=data["text"],
                        user=request.user,
                    )
                else:
                    add_action(form.instance, user=request.user)
            except MeetingError as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, f"Added the {part.label}.")
                if "another" in request.POST:
                    return redirect(request.path)
                return redirect(_part_url(meeting, part))
    else:
        form = part.form(instance=part.model(meeting=meeting))
    context = {"form": form, "meeting": meeting, "part": part, "adding": True}
    return render(request, template, context)


@keeps_edit_over_sign_in(
    "heading",
    "text",
    "owner",
    "description",
    "due_on",
    "due_in_month",
    "notes",
    "version",
)
@require_http_methods(["GET", "POST"])
def change_part(request, pk, part):
    part = PARTS[part]
    obj, meeting, is_draft = _load_part(request, part, pk)
    if not is_draft:
        return redirect(meeting)
    template = "governance/meetings/part_form.html"
    context = {"meeting": meeting, "part": part, "obj": obj}
    if request.method == "POST":
        form = part.form(request.POST, instance=obj)
        if form.is_valid():
            try:
                update_part(
                    form.instance,
                    fields=[n for n in form._meta.fields],
                    expected_version=form.cleaned_data.get("version"),
                    user=request.user,
                )
            except EditConflict as conflict:
                return _render_conflict(
                    request, template, part.form, form, conflict, context
                )
            messages.success(request, f"Saved the {part.label}.")
            return redirect(_part_url(meeting, part))
    else:
        form = part.form(instance=obj, initial=take_pending_edit(request))
    return render(request, template, {**context, "form": form})


@require_http_methods(["GET", "POST"])
def remove_part_view(request, pk, part):
    part = PARTS[part]
    obj, meeting, is_draft = _load_part(request, part, pk)
    if not is_draft:
        return redirect(meeting)
    if request.method == "POST":
        try:
            remove_part(obj, user=request.user)
        except MeetingError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"Removed the {part.label} “{obj}”.")
        return redirect(_part_url(meeting, part))
    context = {"meeting": meeting, "part": part, "obj": obj}
    return render(request, "governance/meetings/confirm_remove.html", context)


# ---------------------------------------------------------------------------
# Finalise and correct
# ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def finalise(request, pk):
    meeting = get_rw_object_for_user(request, _meetings(), pk=pk)
    if request.method == "POST":
        try:
            record = finalise_meeting(meeting, user=request.user)
        except MeetingError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                f"Finalised: issued {record.reference} (version "
                f"{record.version_number}).",
            )
        return redirect(meeting)
    context = {"meeting": meeting, "previous": _latest_record(meeting)}
    return render(request, "governance/meetings/confirm_finalise.html", context)


@require_http_methods(["GET", "POST"])
def correct(request, pk):
    meeting = get_rw_object_for_user(request, _meetings(), pk=pk)
    if request.method == "POST":
        try:
            reopen_for_correction(meeting, user=request.user)
        except MeetingError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                "The record is open for correction. Readers still see the issued "
                "version until you finalise again.",
            )
        return redirect(meeting)
    context = {"meeting": meeting, "previous": _latest_record(meeting)}
    return render(request, "governance/meetings/confirm_correct.html", context)


@require_POST
def start_next(request, pk):
    meeting = get_rw_object_for_user(request, _meetings(), pk=pk)
    try:
        following, created = start_next_meeting(meeting, user=request.user)
    except MeetingError as refusal:
        messages.error(request, str(refusal))
        return redirect(meeting)
    if created:
        messages.success(
            request, f"Started the agenda of {following.held_on:%-d %B %Y}."
        )
    return redirect(following)


# ---------------------------------------------------------------------------
# Actions: the log, and closing them
# ---------------------------------------------------------------------------


@members_only
@require_safe
def action_list(request):
    form = ActionFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponse("Those filters are not valid.", status=400)
    actions = (
        Action.objects.visible_to(request.user).for_display().order_by("due_on", "pk")
    )
    filters = form.cleaned_data if form.is_bound else {}
    if filters.get("status"):
        actions = actions.filter(status=filters["status"])
    if filters.get("owner"):
        actions = actions.filter(owner=filters["owner"])
    if filters.get("overdue"):
        actions = actions.overdue()
    table = ActionTable(actions)
    download = export_response(request, table, "meeting-actions")
    if download is not None:
        return download
    paginate(request, table)
    context = {"table": table, "form": form}
    return render(request, "governance/meetings/action_list.html", context)


def _action_for_change(request, pk):
    action = get_object_or_404(
        Action.objects.select_related("meeting__committee"), pk=pk
    )
    get_rw_object_for_user(request, Meeting.objects.all(), pk=action.meeting_id)
    return action


@require_http_methods(["GET", "POST"])
def close_action(request, pk, how):
    action = _action_for_change(request, pk)
    conflict = False
    form_class = CompleteActionForm if how == "done" else DropActionForm
    if request.method == "POST":
        form = form_class(request.POST, action=action)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if how == "done":
                    complete_action(
                        action.pk,
                        done_on=data["done_on"],
                        what_was_done=data["what_was_done"],
                        expected_version=data["version"],
                        user=request.user,
                    )
                else:
                    drop_action(
                        action.pk,
                        reason=data["reason"],
                        expected_version=data["version"],
                        user=request.user,
                    )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except (MeetingError, EditConflict) as refusal:
                form.add_error(None, str(refusal))
                conflict = isinstance(refusal, EditConflict)
            else:
                messages.success(
                    request, "Marked done." if how == "done" else "Dropped the action."
                )
                return redirect(action.get_absolute_url())
    else:
        initial = {"version": action.version}
        if how == "done":
            initial["done_on"] = timezone.localdate()
        form = form_class(initial=initial, action=action)
    status = 409 if conflict else 200
    context = {"action": action, "form": form, "how": how}
    return render(
        request, "governance/meetings/close_action.html", context, status=status
    )


@require_POST
def reopen(request, pk):
    action = _action_for_change(request, pk)
    try:
        reopen_action(
            action.pk,
            expected_version=int(request.POST.get("version") or 0),
            user=request.user,
        )
    except (MeetingError, EditConflict) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Reopened the action.")
    return redirect(action.get_absolute_url())


# ---------------------------------------------------------------------------
# Calendar feed
# ---------------------------------------------------------------------------


@members_only
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    """The signed-in person's secret calendar address; POST replaces it (the old
    address stops working) or, with `stop`, revokes it."""
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404("Only people on record have a calendar.")
    feed = CalendarFeed.objects.filter(person=person).first()
    if request.method == "POST":
        if feed is not None:
            feed.delete()
        if "stop" in request.POST:
            messages.success(request, "Your calendar address no longer works.")
        else:
            CalendarFeed.objects.create(person=person)
            messages.success(
                request,
                "Your calendar has a new address: the old one no longer works.",
            )
        return redirect("meetings:calendar")
    url = request.build_absolute_uri(feed.get_absolute_url()) if feed else ""
    return render(
        request, "governance/meetings/calendar.html", {"feed": feed, "feed_url": url}
    )


@login_not_required
@require_safe
def calendar_feed(request, token):
    """The iCalendar feed behind a secret address: no sign-in, the token is the key."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("person__user"), token=token
    )
    response = HttpResponse(feed_for(feed.person), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="daccom-meetings.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
