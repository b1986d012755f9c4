"""Signing in, locking out, resetting passwords (#12: 6, 10, 11)."""

from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.factories import PASSWORD


def _sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_that_username_from_that_address(
    client, executive, reviewer
):
    for _ in range(4):
        assert _sign_in(client, executive.username, "wrong").status_code == 200
    locked = _sign_in(client, executive.username, "wrong")
    assert locked.status_code == 429
    assert "too many wrong passwords" in locked.text
    assert "for 1 hour" in locked.text
    # Now even the right password is refused from there ...
    assert _sign_in(client, executive.username, PASSWORD).status_code == 429
    # ... but not from elsewhere, and not for another user from there.
    assert _sign_in(client, executive.username, PASSWORD, "10.0.0.2").status_code == 302
    client.logout()
    assert _sign_in(client, reviewer.username, PASSWORD).status_code == 302


def test_an_administrator_can_unlock_a_username(client, executive):
    for _ in range(5):
        _sign_in(client, executive.username, "wrong")
    call_command("axes_reset_username", executive.username, verbosity=0)
    assert _sign_in(client, executive.username, PASSWORD).status_code == 302


def test_signed_in_pages_and_downloads_are_not_cached(client, executive, task):
    client.force_login(executive)
    for response in (
        client.get(reverse("programmes:dashboard")),
        client.get(
            reverse("programmes:achievement", args=[task.objective.programme_id]),
            {"_export": "csv"},
        ),
        client.get(
            reverse("programmes:review-pdf", args=[task.objective.programme_id])
        ),
    ):
        assert response.status_code == 200
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives


def test_an_idle_session_ends_after_a_working_day(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_activity_moves_the_idle_limit_on(client, executive, time_machine):
    time_machine.move_to("2007-03-01 09:00", tick=False)
    client.force_login(executive)
    first_expiry = Session.objects.get().expire_date
    time_machine.move_to("2007-03-01 09:03", tick=False)
    client.get(reverse("programmes:dashboard"))  # too soon to write the session
    assert Session.objects.get().expire_date == first_expiry
    time_machine.move_to("2007-03-01 12:00", tick=False)
    client.get(reverse("programmes:dashboard"))
    assert Session.objects.get().expire_date > first_expiry
    time_machine.move_to("2007-03-01 21:00", tick=False)  # 9 idle hours
    response = client.get(reverse("programmes:dashboard"))
    assert response.status_code == 302


def test_password_reset_sends_a_link(client, executive, settings):
    executive.email = "exec@example.org"
    executive.save()
    response = client.post(reverse("password_reset"), {"email": "exec@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_reset_says_when_sending_failed(client, executive, settings):
    executive.email = "exec@example.org"
    executive.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
    settings.EMAIL_TIMEOUT = 2
    response = client.post(reverse("password_reset"), {"email": "exec@example.org"})
    assert response.status_code == 200
    assert "could not be sent" in response.text
    assert "no reset link is on its way" in response.text


def test_password_reset_is_honest_when_the_site_cannot_send_e_mail(
    client, executive, settings
):
    settings.EMAIL_ENABLED = False
    page = client.get(reverse("password_reset"))
    assert "This site cannot send e-mail" in page.text
    assert 'name="email"' not in page.text
    response = client.post(reverse("password_reset"), {"email": "exec@example.org"})
    assert response.status_code == 200 and "cannot send e-mail" in response.text


def test_the_sign_in_page_links_to_password_reset(client, db):
    assert reverse("password_reset") in client.get(reverse("login")).text
