"""Ecovisit's desktop program: Qt widgets over the :mod:`planner` core, and nothing else."""
