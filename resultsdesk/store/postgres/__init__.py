"""The PostgreSQL store: a server that enforces the desk's rules (see README.md here).

`prepare` makes a database ready (roles, schema, functions, grants); `calls` has one Python
call per server write function; `errors` maps the server's SQLSTATEs.
"""

from .preparation import SCHEMA, SCHEMA_VERSION, PrepareError, PrepareReport, RoleNames, prepare

__all__ = ["SCHEMA", "SCHEMA_VERSION", "PrepareError", "PrepareReport", "RoleNames", "prepare"]
