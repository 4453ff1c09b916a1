"""Web pages of the workflow that the engine itself needs (printable forms). The full
web application for every role is built on the same selectors and services."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from . import exceptions as e
from .models import Disposisi
from .services.common import access_process_by_id


@login_required
def disposisi_print_view(request, process_id: int, disposisi_id: int):
    """The lembar disposisi in its standard form, ready to print (Ctrl+P or PDF)."""
    try:
        process, _scope = access_process_by_id(request.user, process_id)
    except e.NotFound:
        raise Http404 from None
    disposisi = (
        Disposisi.objects.select_related("diteruskan_kepada", "created_by", "on_behalf_of")
        .filter(pk=disposisi_id, process=process)
        .first()
    )
    if disposisi is None:
        raise Http404
    return render(
        request,
        "workflow/disposisi_print.html",
        {
            "process": process,
            "d": disposisi,
            "instruksi": [
                (value, label, value in disposisi.instruksi)
                for value, label in Disposisi.Instruksi.choices
            ],
            "sifat": [
                (value, label, value == disposisi.sifat) for value, label in Disposisi.Sifat.choices
            ],
        },
    )
