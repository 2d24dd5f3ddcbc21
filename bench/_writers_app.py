"""URLs for the server bench/writers.py measures: all of Kindred's, plus a baseline.

The baseline, `bench/plain-reply/<topic_id>/`, takes the same form post as the real
reply page (`kindred.community.views.reply`) through the same middleware (sessions,
CSRF, authentication) and saves the reply with one plain insert and the topic's reply
count, then answers with the same redirect. It skips everything else a reply does:
the membership check, screening, the form key, notifications and live updates. So the
real reply and the baseline differ by what Kindred adds to a reply, and nothing else.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from kindred import urls as kindred_urls
from kindred.community.markdown import render_markdown
from kindred.community.models import Reply, Topic

handler404 = kindred_urls.handler404
handler500 = kindred_urls.handler500
handler403 = kindred_urls.handler403


@login_required
@require_POST
def plain_reply(request: HttpRequest, topic_id: int) -> HttpResponse:
    body = request.POST.get("body", "").strip()
    if not body:
        return HttpResponseBadRequest("no body")
    topic = get_object_or_404(Topic, pk=topic_id)
    with transaction.atomic():
        reply = Reply.objects.create(
            topic=topic, author=request.user, body=body, body_html=render_markdown(body)
        )
        Topic.objects.filter(pk=topic.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=timezone.now()
        )
    return redirect(topic.get_absolute_url() + f"?page=last#reply-{reply.pk}")


urlpatterns = [
    path("bench/plain-reply/<int:topic_id>/", plain_reply),
    *kindred_urls.urlpatterns,
]
