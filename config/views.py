from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from authorities.models import Authority


def home(request):
    return render(request, "home.html", {"authority_count": Authority.objects.current().count()})


def healthz(request):
    """For load balancers and docker healthchecks: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
