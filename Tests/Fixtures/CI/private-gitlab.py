"""A private GitLab project's package registry, as the GitLab template downloads from it (ReusableCITests).

usage: python3 private-gitlab.py RELEASE_DIR TOKEN
Serves RELEASE_DIR's files at /api/v4/projects/GROUP%2Fs1check/packages/generic/s1check/VERSION/NAME to a
request carrying the header JOB-TOKEN: TOKEN (anything else: 404, as GitLab answers for a private
project), by a redirect to http://localhost:PORT/storage/NAME (another host, as object storage is), which
refuses a request carrying JOB-TOKEN: the token must not leave GitLab. Prints the port, then serves until
stopped; each refusal is also written to standard error.
"""
import http.server
import os
import sys

release, token = sys.argv[1], sys.argv[2]
prefix = "/api/v4/projects/GROUP%2Fs1check/packages/generic/s1check/"


class Handler(http.server.BaseHTTPRequestHandler):
    def refuse(self, code, why):
        sys.stderr.write(f"{code} {self.path}: {why}\n")
        self.send_response(code)
        self.end_headers()

    def do_GET(self):
        if self.path.startswith(prefix):
            if self.headers.get("JOB-TOKEN") != token:
                return self.refuse(404, "no job token")
            name = self.path[len(prefix):].split("/", 1)[-1]
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_port}/storage/{name}")
            self.end_headers()
        elif self.path.startswith("/storage/"):
            if "JOB-TOKEN" in self.headers:
                return self.refuse(400, "the job token reached object storage")
            path = os.path.join(release, os.path.basename(self.path))
            if not os.path.isfile(path):
                return self.refuse(404, "no such file")
            data = open(path, "rb").read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        else:
            self.refuse(404, "not a package")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_port, flush=True)
server.serve_forever()
