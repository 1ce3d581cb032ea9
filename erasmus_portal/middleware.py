"""Middleware of the whole site (an app's own is in the app)."""

from django.http import QueryDict

NUL = "\x00"


class NulFreeQueryMiddleware:
    """Query strings without NUL characters, for every view. PostgreSQL refuses a NUL in
    any text, so one reaching a search or a filter (`?q=%00`) answered 500: on every list
    and export, in the admin's text filters, its autocomplete and its exports, in Django's
    own admins as in the portal's. No page has a use for one, so it is taken out here,
    once, before any view reads the query, and the page answers as if it had not been
    there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query:  # the only way a NUL comes in a query string
            request.META["QUERY_STRING"] = _without_nul(QueryDict(query)).urlencode()
            request.__dict__.pop("GET", None)  # parsed again from the query without NULs
        return self.get_response(request)


def _without_nul(query: QueryDict) -> QueryDict:
    clean = QueryDict(mutable=True)
    for key, values in query.lists():
        if key := key.replace(NUL, ""):
            clean.setlist(key, [value.replace(NUL, "") for value in values])
    return clean
