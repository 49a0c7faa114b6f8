"""wesaid: run co-production in social care and show the difference it makes."""

__version__ = "0.1.0"
