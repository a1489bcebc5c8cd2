"""A small HTTP client for the portal's pages, forms and API, for bench/cluster and bench/soak.

Standard library only (http.client): a cookie jar, the session's CSRF token read from the
pages' `<meta name="csrf-token">`, a fresh one-time submission key on every create form (as a
freshly rendered form carries), and the time of each answer. HTTPS is not verified (the
cluster's certificate is self-signed).
"""
import http.client
import json
import re
import secrets
import ssl
import time
import urllib.parse

TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE
CSRF = re.compile(r'<meta name="csrf-token" content="([^"]*)"')


class Answer:
    def __init__(self, status, headers, body, elapsed):
        self.status, self.headers, self.body, self.elapsed = status, headers, body, elapsed

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def location(self):
        return self.header("location")

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<{self.status} {self.text[:200]!r}>"


class Failed(Exception):
    """No answer: the connection was refused, reset or timed out."""


class Client:
    def __init__(self, base, timeout=30, keep_alive=True):
        u = urllib.parse.urlsplit(base)
        self.scheme, self.host = u.scheme, u.hostname
        self.port = u.port or (443 if u.scheme == "https" else 80)
        self.timeout, self.keep_alive = timeout, keep_alive
        self.cookies, self.csrf, self.conn = {}, None, None
        self.headers = {}

    def _connect(self):
        if self.scheme == "https":
            return http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout,
                                               context=TLS)
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None):
        """One request; a GET on a kept connection the server closed meanwhile is sent again
        on a new one, as a browser does. Raises Failed when there is no answer."""
        hdrs = {"Accept-Language": "en", **self.headers, **(headers or {})}
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if not self.keep_alive:
            hdrs["Connection"] = "close"
        for attempt in (0, 1):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = self._connect()
            started = time.monotonic()
            try:
                self.conn.request(method, path, body=body, headers=hdrs)
                res = self.conn.getresponse()
                data = res.read()
            except (OSError, http.client.HTTPException) as e:
                self.close()
                if reused and attempt == 0 and method == "GET":
                    continue
                raise Failed(f"{method} {path}: {type(e).__name__}: {e}") from None
            answer = Answer(res.status, res.getheaders(), data, time.monotonic() - started)
            if not self.keep_alive or res.will_close:
                self.close()
            self._remember(answer)
            return answer
        raise Failed(f"{method} {path}: no answer")

    def _remember(self, answer):
        for k, v in answer.headers:
            if k.lower() == "set-cookie":
                pair = v.split(";", 1)[0]
                name, _, value = pair.partition("=")
                gone = "max-age=0" in v.lower() or value == ""
                if gone:
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value.strip()
        if "text/html" in (answer.header("content-type") or ""):
            m = CSRF.search(answer.text)
            if m and m.group(1):
                self.csrf = m.group(1)

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields=(), key=True, headers=None):
        """A form as the portal's own send it: the session's CSRF token first and, unless
        `fields` has one or `key` is False, a fresh submission key."""
        fields = list(fields)
        if self.csrf is None:
            self.get("/portal" if path.startswith("/portal") else "/")
        all_fields = [("csrf_token", self.csrf or "")]
        if key and not any(k == "submission_key" for k, _ in fields):
            all_fields.append(("submission_key", secrets.token_hex(16)))
        body = urllib.parse.urlencode(all_fields + fields)
        hdrs = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        return self.request("POST", path, body=body.encode(), headers=hdrs)

    def sign_in(self, email, password, portal=False):
        login = "/portal/login" if portal else "/login"
        self.csrf = None
        self.get(login)
        res = self.post(login, [("email", email), ("password", password)], key=False)
        if res.status != 303:
            raise Failed(f"sign-in of {email} at {login}: {res.status} {res.text[:300]}")
        self.csrf = None
        self.get("/portal" if portal else "/")
        return res

    def api(self, method, path, token, payload=None, headers=None):
        hdrs = {"Authorization": f"Bearer {token}", **(headers or {})}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            hdrs["Content-Type"] = "application/json"
        return self.request(method, path, body=body, headers=hdrs)


def multipart(fields, files):
    """A multipart/form-data body: (name, value) fields, then (field, filename, bytes) files."""
    boundary = "----clientele" + secrets.token_hex(8)
    out = bytearray()
    for name, value in fields:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                f"{value}\r\n").encode()
    for name, filename, data in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                f"filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n").encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"
