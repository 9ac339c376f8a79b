"""Small widgets the panels and dialogs share (the location field)."""
