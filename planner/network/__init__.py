"""The travel network shipped with Ecovisit (rail and ferry links, airports) and the fastest
routes over it: :mod:`~planner.network.data` reads it, :mod:`~planner.network.routes` searches
it. :mod:`planner.travel` prices a whole door-to-door trip with it."""
