"""Views drawn by Ecovisit itself: the timeline, the route map, the coverage matrix."""
