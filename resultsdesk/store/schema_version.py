"""Which files this version reads: the marker of a ResultsDesk database and the number of
migrations it knows (`schema.MIGRATIONS`), apart from the migrations themselves, so opening
a file that is already up to date loads none of them."""

# 'RDsk': marks a file as a ResultsDesk database (PRAGMA application_id).
APPLICATION_ID = 0x5244736B
# How many migrations `schema.MIGRATIONS` holds (tests/store/test_store.py checks they agree).
SCHEMA_VERSION = 7
