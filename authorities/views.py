from django.shortcuts import get_object_or_404, render

from authorities.models import Authority


def authority_list(request):
    authorities = Authority.objects.current().order_by("short_name")
    return render(request, "authorities/authority_list.html", {"authorities": authorities})


def authority_detail(request, slug):
    authority = get_object_or_404(Authority, slug=slug)
    return render(request, "authorities/authority_detail.html", {"authority": authority})
