"""Which files this version reads: the marker of a ResultsDesk database and the number of
migrations it knows (`schema.MIGRATIONS`), apart from the migrations themselves, so opening
a file that is already up to date loads none of them."""

# 'RDsk': marks a file as a ResultsDesk database (PRAGMA application_id).
APPLICATION_ID = 0x5244736B
# How many migrations `schema.MIGRATIONS` holds (tests/store/test_store.py checks they agree).
SCHEMA_VERSION = 13
# The checksum of a file's shape at SCHEMA_VERSION (`schema_shape`: every table with its
# columns, view, index and trigger, a trigger or view with its text); a file whose shape differs
# is looked at closely on opening. tests/store/test_schema_shape.py checks it against a new file's.
SCHEMA_SHAPE = "49b120a0"
