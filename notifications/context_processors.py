from . import selectors


def notifications(request):
    """``notifications_unread`` for the header: counted on first use, once per request (one
    query), and not at all for a visitor who is not logged in."""

    def unread() -> int:
        if not hasattr(request, "_notifications_unread"):
            user = getattr(request, "user", None)
            request._notifications_unread = (
                selectors.unread_count(user) if user is not None and user.is_authenticated else 0
            )
        return request._notifications_unread

    return {"notifications_unread": unread}
