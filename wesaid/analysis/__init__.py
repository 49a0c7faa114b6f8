"""Pure statistics for wesaid.

Plain data in (sequences, numpy arrays, dataclasses), plain frozen results out. Nothing in this
package imports Django: selectors hand it arrays keyed by pseudonymous codes and reports format
what it returns. See docs/statistics.md for every method, its assumptions and its references.
"""
