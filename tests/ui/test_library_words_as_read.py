"""On a desk PC set up in another language, the C library's words the desk reads stay the
words it reads. Qt sets the C library's locale from LANG as the app starts (the command line
leaves it alone), and the team desk tells what became of a connection by libpq's words,
the system's error text among them: on a German PC a server that was down read "Verbindungsaufbau
abgelehnt", not "Connection refused", so the window said "the connection failed (the log
says how)" where the command line said "nothing answers at that address and port", and a
server's name not known was no longer said either."""

from __future__ import annotations

import errno
import locale
import os

import pytest
from PySide6.QtWidgets import QApplication

from resultsdesk.ui.app import application

GERMAN = "de_DE.UTF-8"


@pytest.fixture
def german_pc():
    """The C library set to German as Qt sets it from LANG=de_DE.UTF-8 (skipped where the
    machine has no German locale, or no German words for the system's errors)."""
    before = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, GERMAN)
    except locale.Error:
        pytest.skip(f"no {GERMAN} locale on this machine (locale-gen {GERMAN})")
    try:
        if os.strerror(errno.ECONNREFUSED) == "Connection refused":
            pytest.skip("no German words for the system's errors here (libc's translations)")
        yield
    finally:
        locale.setlocale(locale.LC_ALL, before)


def test_the_app_reads_the_system_errors_in_the_words_it_knows(german_pc, qapp):
    assert QApplication.instance() is not None
    application()
    assert os.strerror(errno.ECONNREFUSED) == "Connection refused"
    assert os.strerror(errno.EHOSTUNREACH) == "No route to host"


def test_the_rest_of_the_pc_locale_is_left_as_qt_set_it(german_pc, qapp):
    """(Only the messages: text and file names stay UTF-8.)"""
    application()
    assert locale.setlocale(locale.LC_CTYPE) == GERMAN


def test_the_messages_locale_is_set_back_to_c(qapp):
    """On any machine (the tests above need German installed): whatever the messages'
    locale was, the app's leaves it "C", the words the desk reads."""
    before = locale.setlocale(locale.LC_MESSAGES)
    try:
        try:
            locale.setlocale(locale.LC_MESSAGES, "C.UTF-8")
        except locale.Error:
            pytest.skip("no C.UTF-8 locale")
        application()
        assert locale.setlocale(locale.LC_MESSAGES) == "C"
    finally:
        locale.setlocale(locale.LC_MESSAGES, before)
