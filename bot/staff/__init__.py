"""Staff web app under ``/staff``: login, hand-off queue, admin pages and a JSON API.

The web app mounts :data:`bot.staff.routes.routes`. Every route except the login form is
protected by :func:`bot.staff.guard.protected`, which also enforces CSRF on unsafe methods.
"""
