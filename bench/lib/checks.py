#!/usr/bin/env python3
"""The checks of bench/cluster that talk HTTP: each subcommand prints `PASS …` or `FAIL …`
lines (and details on failure), and exits 0. bench/cluster starts and stops the processes.

The settings come from the environment bench/cluster exports:
  INSTANCES   the instances' own addresses, space-separated (http://127.0.0.1:18081 …)
  PROXY       nginx's address (https://127.0.0.1:8443)
  PRIMARY     a psql URL of the primary (to count what was written)
  WORK        the cluster's temp dir (state.json: the admin's sign-in, the API token)
"""
import json
import os
import subprocess
import sys
import threading
import time
import secrets

sys.path.insert(0, os.path.dirname(__file__))
from portal import Client, Failed, multipart  # noqa: E402

INSTANCES = os.environ.get("INSTANCES", "").split()
PROXY = os.environ.get("PROXY", "")
WORK = os.environ.get("WORK", ".")


def state():
    with open(os.path.join(WORK, "state.json")) as f:
        return json.load(f)


def q(sql):
    """One value (or rows, '|'-separated) from the primary."""
    out = subprocess.run(["psql", "-XAtq", os.environ["PRIMARY"], "-c", sql],
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(f"psql: {out.stderr.strip()}")
    return out.stdout.strip()


def verdict(ok, what, detail=""):
    print(f"{'PASS' if ok else 'FAIL'} {what}" + (f" ({detail})" if detail else ""), flush=True)
    return ok


def admin(base):
    s = state()
    c = Client(base)
    c.sign_in(s["email"], s["password"])
    return c


# a. A session made on one instance serves on the others.
def sessions():
    s = state()
    first = Client(INSTANCES[0])
    first.sign_in(s["email"], s["password"])
    seen = []
    for base in INSTANCES[1:] + [PROXY]:
        other = Client(base)
        other.cookies = dict(first.cookies)
        page = other.get("/")
        # The same session's CSRF token is good on the other instance too: a save there.
        other.csrf = first.csrf
        note = other.post(f"/customers/{s['customer']}/notes",
                          [("body", f"session check via {base}")])
        seen.append((base, page.status, note.status,
                     s["name"] in page.text))
    ok = all(p == 200 and n == 303 and named for _, p, n, named in seen)
    verdict(ok, "a. signed in through one instance, served by the others with the same cookie",
            "; ".join(f"{b}: page {p}, save {n}" for b, p, n, _ in seen))


# b. Emails, webhooks and reminders each sent exactly once.
def wait_for(what, done, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.5)
    print(f"  waited {seconds} s for {what}", flush=True)
    return done()


def lines(path):
    try:
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return []


def deliveries(n):
    s, run = state(), secrets.token_hex(3)
    smtp_log, hook_log = os.path.join(WORK, "smtp.jsonl"), os.path.join(WORK, "webhooks.jsonl")
    c = admin(PROXY)
    # The endpoint, through the admin page.
    res = c.post("/admin/webhooks", [("url", f"{s['webhook_url']}/hooks/{run}"),
                                     ("description", "bench/cluster"),
                                     ("events", "customer.created")])
    if res.status != 303:
        return verdict(False, "b. webhook endpoint added", f"{res.status} {res.text[:300]}")
    # n invitations (one email each), through the customer's Portal users tab, spread over
    # the instances by nginx.
    invited = [f"invite-{run}-{i}@cluster.test" for i in range(n)]
    bad = []
    for i, email in enumerate(invited):
        r = c.post(f"/customers/{s['customer']}/users", [("name", f"Invitee {i}"),
                                                         ("email", email)])
        if r.status != 303:
            bad.append(f"{email}: {r.status}")
    # n customers through the API (one customer.created webhook each).
    made = []
    for i in range(n):
        r = Client(PROXY).api("POST", "/api/v1/customers", s["token"],
                              {"legal_name": f"Cluster Hooks {run} {i} GmbH"},
                              {"Idempotency-Key": f"cluster-{run}-{i}"})
        if r.status == 201:
            made.append(r.json()["id"])
        else:
            bad.append(f"customer {i}: {r.status} {r.text[:200]}")
    # n reminders: overdue invoices of customers with no ledger yet, each with one contact
    # subscribed to "invoice due" (written as the ledger's own insert would be; the chasing
    # job of every instance then finds them).
    reminded = [f"remind-{run}-{i}@cluster.test" for i in range(n)]
    q(f"""
      WITH pick AS (
        SELECT c.id, row_number() OVER (ORDER BY c.id) - 1 AS i FROM customers c
         WHERE NOT c.test_record AND c.merged_into_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.customer_id = c.id)
           AND NOT EXISTS (SELECT 1 FROM customer_contacts k WHERE k.customer_id = c.id
                           AND 'invoice_due' = ANY (k.subscriptions))
         ORDER BY c.id LIMIT {n}),
      contacts AS (
        INSERT INTO customer_contacts (customer_id, name, email, subscriptions)
        SELECT id, 'Accounts payable', 'remind-{run}-' || i || '@cluster.test',
               ARRAY['invoice_due'] FROM pick)
      INSERT INTO ledger_entries (customer_id, kind, number, posted_on, due_on, currency,
                                  amount_cents, posted_by_name)
      SELECT id, 'invoice', 'INV-CL{run}-' || i, current_date - 60, current_date - 40, 'EUR',
             12345, 'bench/cluster' FROM pick""")
    if bad:
        verdict(False, "b. the emails, customers and reminders were made", "; ".join(bad[:5]))

    def count(log, key, wanted):
        got = {}
        for m in lines(log):
            for k in (m[key] if isinstance(m[key], list) else [m[key]]):
                if k in wanted:
                    got[k] = got.get(k, 0) + 1
        return got

    def hooks():
        ids = {}
        for m in lines(hook_log):
            if m["path"].endswith(run):
                ids[m["webhook_id"]] = ids.get(m["webhook_id"], 0) + 1
        return ids

    wait_for("the invitations", lambda: len(count(smtp_log, "to", set(invited))) >= n, 60)
    wait_for("the webhooks", lambda: len(hooks()) >= len(made), 60)
    wait_for("the reminders", lambda: len(count(smtp_log, "to", set(reminded))) >= n, 90)
    # Time for a second sender to send anything again.
    time.sleep(8)
    got = count(smtp_log, "to", set(invited))
    verdict(len(got) == n and all(v == 1 for v in got.values()),
            f"b. {n} invitation emails sent exactly once with three senders",
            f"{len(got)} addresses reached, {sum(got.values())} messages")
    ids = hooks()
    verdict(len(ids) == len(made) == n and all(v == 1 for v in ids.values()),
            f"b. {n} customer.created webhooks delivered exactly once with three senders",
            f"{len(ids)} events, {sum(ids.values())} deliveries")
    got = count(smtp_log, "to", set(reminded))
    verdict(len(got) == n and all(v == 1 for v in got.values()),
            f"b. {n} reminders sent exactly once with three chasing jobs",
            f"{len(got)} addresses reached, {sum(got.values())} messages")
    ids = {}
    for m in lines(smtp_log):
        ids[m["message_id"]] = ids.get(m["message_id"], 0) + 1
    twice = [k for k, v in ids.items() if v > 1]
    verdict(not twice, "b. no message at the sink arrived twice (by Message-ID)",
            f"{len(ids)} messages" + (f", twice: {twice[:3]}" if twice else ""))


# c. An import uploaded through the proxy is followed on every instance's page.
def import_followed(data):
    c = admin(PROXY)
    watchers = [admin(base) for base in INSTANCES]
    files = [("files", f, open(os.path.join(data, f), "rb").read())
             for f in ("customers.csv", "addresses.csv", "orders.csv")
             if os.path.exists(os.path.join(data, f))]
    c.get("/admin/import")
    body, ctype = multipart([("csrf_token", c.csrf), ("submission_key", secrets.token_hex(16))],
                            files)
    res = c.request("POST", "/admin/import", body=body, headers={"Content-Type": ctype})
    if res.status != 303 or not res.location:
        return verdict(False, "c. import uploaded", f"{res.status} {res.text[:300]}")
    run = res.location
    seen = {base: [] for base in INSTANCES}
    deadline = time.monotonic() + 300
    final = None
    rounds_after = 0
    while time.monotonic() < deadline and rounds_after < 2:
        rounds_after += final is not None
        for base, w in zip(INSTANCES, watchers):
            page = w.get(run)
            doc = w.get(run + ".json")
            if page.status != 200 or doc.status != 200:
                seen[base].append(f"{page.status}/{doc.status}")
                continue
            d = doc.json()
            step = f"{d['status']}:{d['files_done']}/{d['files_total']}"
            if not seen[base] or seen[base][-1] != step:
                seen[base].append(step)
            if not d["running"] and final is None:
                final = d
        time.sleep(0.5)
    ok = final is not None and final["status"] in ("succeeded", "finished", "done") \
        and all(seen[b] and seen[b][-1].startswith(final["status"]) for b in INSTANCES)
    detail = "; ".join(f"{b.rsplit(':', 1)[1]}: {' > '.join(v[-6:])}" for b, v in seen.items())
    if final and final.get("error"):
        detail += f"; error: {final['error']}"
    verdict(ok, "c. an import uploaded through nginx is followed on each instance's page",
            detail)


# A stream of saves (notes) until the stop file appears; one JSON line per attempt.
def saves(base, out, stop, pause=0.05):
    s = state()
    c = admin(base)
    with open(out, "w") as f:
        i = 0
        while not os.path.exists(stop):
            i += 1
            text = f"save {os.path.basename(out)} {i} {secrets.token_hex(4)}"
            c.keep_alive = False
            started = time.time()
            try:
                r = c.post(f"/customers/{s['customer']}/notes", [("body", text)])
                status, elapsed = r.status, r.elapsed
            except Failed as e:
                status, elapsed = 0, time.time() - started
                text += f" | {e}"
            f.write(json.dumps({"t": started, "status": status, "elapsed": elapsed,
                                "text": text}) + "\n")
            f.flush()
            time.sleep(pause)


# GETs of a page until the stop file appears; one JSON line per answer.
def probe(base, path, out, stop, pause=0.2):
    c = admin(base)
    with open(out, "w") as f:
        while not os.path.exists(stop):
            started = time.time()
            try:
                r = c.get(path)
                status, elapsed = r.status, r.elapsed
            except Failed:
                status, elapsed = 0, time.time() - started
            f.write(json.dumps({"t": started, "status": status, "elapsed": elapsed}) + "\n")
            f.flush()
            time.sleep(pause)


def saved(texts):
    """Which of these note texts are in the database."""
    if not texts:
        return set()
    tmp = os.path.join(WORK, "texts.txt")
    with open(tmp, "w") as f:
        f.write("\n".join(texts) + "\n")
    out = subprocess.run(
        ["psql", "-XAtq", os.environ["PRIMARY"], "-c",
         "CREATE TEMP TABLE t (body text)", "-c", f"\\copy t FROM '{tmp}'",
         "-c", "SELECT n.body FROM customer_notes n JOIN t USING (body)"],
        capture_output=True, text=True, timeout=60)
    return set(out.stdout.splitlines())


def check_saves(name, files):
    rows = [r for f in files for r in lines(f)]
    acked = [r["text"] for r in rows if r["status"] == 303]
    failed = [r for r in rows if r["status"] != 303]
    present = saved(acked)
    missing = [t for t in acked if t not in present]
    verdict(not missing, f"{name}: every acknowledged save is in the database",
            f"{len(acked)} acknowledged, {len(missing)} missing")
    return rows, failed


def rolling(wrk_out, save_files):
    out = open(wrk_out).read()
    non2xx = sum(int(line.split()[-1]) for line in out.splitlines()
                 if "Non-2xx or 3xx" in line)
    sock = [line.strip() for line in out.splitlines() if "Socket errors" in line]
    reqs = [line.strip() for line in out.splitlines() if "requests in" in line]
    verdict(non2xx == 0 and not sock,
            "d. rolling restart: zero failed GETs under wrk through nginx",
            f"{reqs[0] if reqs else '?'}; non-2xx/3xx {non2xx}; {sock[0] if sock else 'no socket errors'}")
    rows, failed = check_saves("d. rolling restart", save_files)
    verdict(not failed and rows, "d. rolling restart: every save answered 303 through nginx",
            f"{len(rows)} saves, {len(failed)} failed"
            + (f": {[(r['status'], r['text'][-80:]) for r in failed[:3]]}" if failed else ""))


def outage(name, times, save_files, probe_files, slow=5.0, back=10.0):
    with open(times) as f:
        down, up = (float(x) for x in f.read().split())

    def answers(files):
        return [r for p in files for r in lines(p)
                if down + 0.5 <= r["t"] and r["t"] + r["elapsed"] <= up]

    # Straight at an instance (the `-direct` files), then through nginx, which tries a GET
    # answered 503 on the other instances too (proxy_next_upstream http_503), up to its
    # proxy_next_upstream_timeout of 10 s.
    for way, limit in (("at an instance", slow), ("through nginx", 10.0)):
        chosen = [f for f in save_files + probe_files if f.endswith("-direct.jsonl")
                  ] if way == "at an instance" else [
            f for f in save_files + probe_files if not f.endswith("-direct.jsonl")]
        during = answers(chosen)
        slowest = max((r["elapsed"] for r in during), default=0)
        codes = sorted({r["status"] for r in during})
        verdict(during and slowest < limit and all(c >= 500 for c in codes),
                f"{name}: while down, pages and saves {way} answer an error within {limit:.0f} s",
                f"{len(during)} answers while down, statuses {codes}, slowest {slowest:.2f} s")
    after = sorted((r for p in probe_files for r in lines(p) if r["t"] >= up),
                   key=lambda r: r["t"])
    first_ok = next((r["t"] + r["elapsed"] for r in after if r["status"] == 200), None)
    later_bad = [r for r in after if first_ok and r["t"] > first_ok + 3 and r["status"] != 200]
    verdict(first_ok is not None and first_ok - up <= back and not later_bad,
            f"{name}: pages serve again within {back:.0f} s of it being back",
            f"first 200 after {first_ok - up:.1f} s" if first_ok else "never")
    check_saves(name, save_files)


def post_retry(victim_pid, victim_base):
    """h. A POST that reached an instance is never sent to another one."""
    import signal
    s = state()
    run = secrets.token_hex(3)
    results, gets = {}, {}
    # Signed in before the freeze: each client's session is made on a live instance.
    clients = [admin(PROXY) for _ in range(6)]
    readers = [admin(PROXY) for _ in range(6)]
    os.kill(victim_pid, signal.SIGSTOP)
    try:
        def post(i, c):
            text = f"retry {run} {i}"
            try:
                results[text] = c.post(f"/customers/{s['customer']}/notes",
                                       [("body", text)]).status
            except Failed as e:
                results[text] = str(e)

        def get(i, c):
            try:
                gets[i] = c.get(f"/customers/{s['customer']}").status
            except Failed as e:
                gets[i] = str(e)

        threads = [threading.Thread(target=post, args=(i, c)) for i, c in enumerate(clients)]
        threads += [threading.Thread(target=get, args=(i, c)) for i, c in enumerate(readers)]
        for t in threads:
            t.start()
        time.sleep(3)
    finally:
        os.kill(victim_pid, signal.SIGKILL)
        os.kill(victim_pid, signal.SIGCONT)
    for t in threads:
        t.join(90)
    present = saved(list(results))
    counts = {t: int(q(f"SELECT count(*) FROM customer_notes WHERE body = '{t}'"))
              for t in results}
    lost = [t for t, st in results.items() if st != 303]
    wrong = [t for t, st in results.items() if (st == 303) != (counts[t] == 1) or counts[t] > 1]
    verdict(lost and not wrong,
            "h. a POST caught by an instance that died was answered 502, not sent to another "
            "instance (no note written twice, none written for a 502)",
            f"POSTs: {sorted(str(v) for v in results.values())}; notes written: "
            f"{sum(counts.values())} of {len(present)} texts present")
    verdict(all(v == 200 for v in gets.values()),
            "h. GETs caught by the same instance were retried on another one",
            f"GETs: {sorted(str(v) for v in gets.values())}")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    try:
        if cmd == "sessions":
            sessions()
        elif cmd == "deliveries":
            deliveries(int(args[0]))
        elif cmd == "import":
            import_followed(args[0])
        elif cmd == "saves":
            saves(args[0], args[1], args[2])
        elif cmd == "probe":
            probe(args[0], args[1], args[2], args[3])
        elif cmd == "rolling":
            rolling(args[0], args[1:])
        elif cmd == "outage":
            outage(args[0], args[1], args[2].split(","), args[3].split(","))
        elif cmd == "post-retry":
            post_retry(int(args[0]), args[1])
        else:
            sys.exit(f"unknown check {cmd}")
    except (Failed, RuntimeError, OSError, KeyError, ValueError) as e:
        verdict(False, f"{cmd}: could not run", f"{type(e).__name__}: {e}")
