"""Contributions: adding analysis to a knowledge base, with provenance, review and retraction.

``prepare`` reads and checks what a contributor gives, ``diff`` compares it with the
knowledge base, ``add`` and ``retract`` change the knowledge base under ``lock``,
recording every change in the provenance ``log``; ``recover`` finishes or undoes a
write a killed process left behind; ``initkb`` makes a new writable knowledge base.
"""
