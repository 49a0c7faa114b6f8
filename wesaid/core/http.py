from django.http import HttpRequest


def form_data(request: HttpRequest):
    """The posted data, or None for a GET. (``request.POST or None`` would treat an empty POST as a GET.)"""
    return request.POST if request.method == "POST" else None
