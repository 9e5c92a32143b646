"""Citizen learning pages and the staff pages about them, one module per concern.

``common``: who is learning in this browser and the rate-limit page; ``identify``: saying
who you are; ``lessons``: a lesson done; ``quiz``: the quiz screens; ``certificates``: the
learner's own page and the public certificate pages; ``staff``: certificates and figures.
"""
