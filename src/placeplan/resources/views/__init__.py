"""Staff pages for resources and prevention, one module for each part: the figures,
the rounds and partners' lines, and the prevention plan."""
