"""Qt item models: thin adapters over planner objects, never copies in widget items."""
