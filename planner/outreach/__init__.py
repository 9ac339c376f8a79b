"""Asking hosts: the outreach a coordinator does before a tour, by e-mail and offline. Ecovisit
writes the request, reminder and confirmation letters as drafts the coordinator sends, keeps
each request's state (to write, sent, reminder due, replied, confirmed, declined), and turns
the slots a host offers in its reply into the host's availability windows, moving the meeting
into one of them with the checker's approval (:mod:`planner.outreach.offers`). Nothing here
sends mail or calls a service.
"""
