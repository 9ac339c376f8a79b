"""The window's panels (docks): directory, delegation and goals, findings."""
