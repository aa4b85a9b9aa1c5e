"""An extraction worker process: ``python -m notices.web._worker FD`` (started by
:class:`notices.web.work.Pool`, never by hand)."""
import sys
from multiprocessing.connection import Connection

from notices.web.work import serve

if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])))
