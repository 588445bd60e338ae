"""The app's Jinja environment: each template's globals are a plain dict, copied when it first loads.

Jinja gives every template a ChainMap over the environment's globals, and each ``{% from ... import %}``
then compares the two sets of names in Python, one ChainMap lookup per global: on a thread page, with
its five imports, that was a twentieth of the page's server time. Flask and its extensions register
every global while the app is built, before any template loads (Flask refuses setup calls once the app
has served a request), so a copy taken at load time holds the same names.
"""
from flask.templating import Environment


class TemplateEnvironment(Environment):
    def make_globals(self, d: dict | None) -> dict:
        return {**self.globals, **(d or {})}
