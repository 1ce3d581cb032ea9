"""Response headers that limit what a page can do, so that a mistake which lets data into
a page's HTML cannot run a script there: the Content-Security-Policy allows only the
portal's own static scripts (no inline script, no event-handler attribute, no eval), and
the Permissions-Policy turns off browser features no page of the portal uses.

Style attributes stay allowed (`style-src-attr`): the dashboard's bars are sized by them.
`<style>` elements and style sheets from elsewhere are not."""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        # Bootstrap draws its icons (select arrows, the menu button) as data: SVGs, and a
        # drawn signature is shown back as a data: PNG.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        # The signing page shows the agreement's PDF in a frame of the portal's own.
        "frame-src 'self'",
        "frame-ancestors 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
)


class SecurityHeadersMiddleware:
    """Adds the policies to every response (the CSP to HTML pages, where it applies); a
    view that needs another policy sets its own header first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
