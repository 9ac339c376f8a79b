"""The ecosystem directory: importing, de-duplicating, exporting and searching organisations."""
