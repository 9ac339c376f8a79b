"""After the tour: what the delegation learned, its ratings, its follow-ups and the goals'
outcomes, read and written as the coordinator and the executives use them (the notes sheet,
the follow-ups' task lists and sheet, the debrief summary behind the report and the letters)."""
