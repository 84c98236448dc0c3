"""Drawing the timeline: the view as data (``spec``), the one packer and renderer
(``js/timeline.js``) that the page and every export share, and ``engine`` that runs it
from Python."""
