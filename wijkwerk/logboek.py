"""Logging for operators: a refused or unknown request is one line, a server error keeps its
traceback (Django's request logger attaches the exception to every 4xx as well)."""

import logging


class ZonderTracebackOnder500(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
