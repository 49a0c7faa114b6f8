"""The objects measures' routes name by URL argument (see core/loaders.py)."""

from wesaid.core.loaders import register

register("instrument_id", "measures.Instrument")
