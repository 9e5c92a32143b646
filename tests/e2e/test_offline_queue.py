"""The shared offline queue (web/offline-queue.js) on its own, against a faked JSON API."""

import datetime as dt
import re
from collections import Counter

import pytest

pytestmark = [pytest.mark.e2e]

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

OPEN = """opts => {
  window.results = []; window.errors = []; window.synced = []; window.changes = 0;
  window.q = OfflineQueue.open(Object.assign({
    db: "test-queue", endpoint: "/api/fake/batch", batchSize: 2,
    headers: () => ({ "X-Test": "yes" }),
    onResult: (rec, x) => { window.results.push(x); },
    onSynced: recs => { window.synced.push(recs.length); },
    onError: e => { window.errors.push(e.status); },
    onChange: () => { window.changes += 1; }
  }, opts || {}));
}"""


class FakeApi:
    """Answers each batch item with the status it asks for ("answer"), or with the HTTP
    status planned for this call (0: the network fails)."""

    def __init__(self):
        self.calls = []  # (url, body, HTTP status answered, X-Test header)
        self.plan = []

    def handle(self, route):
        request = route.request
        body = request.post_data_json
        status = self.plan.pop(0) if self.plan else 200
        self.calls.append((request.url, body, status, request.headers.get("x-test")))
        if status == 0:
            route.abort()
        elif status != 200:
            route.fulfill(status=status, json={"message": f"Máy chủ trả lời {status}"})
        elif "items" in body:
            results = [
                {
                    "client_uuid": item["client_uuid"],
                    "status": item.get("answer", "created"),
                    "reason": item.get("reason", ""),
                    "message": item.get("message", ""),
                }
                for item in body["items"]
            ]
            route.fulfill(json={"results": results})
        else:
            route.fulfill(status=201, json={"ok": True})

    def accepted(self) -> Counter:
        """How many times each client_uuid reached the server in an answered batch."""
        return Counter(
            item["client_uuid"]
            for _url, body, status, _header in self.calls
            if status == 200
            for item in body.get("items", [])
        )

    def sent(self) -> Counter:
        return Counter(
            item["client_uuid"]
            for _url, body, _status, _header in self.calls
            for item in body.get("items", [])
        )


@pytest.fixture
def queue_page(live_server, browser):
    from django.templatetags.static import static

    base = live_server.url.replace("127.0.0.1", "localhost")  # a secure context
    context = browser.new_context()
    page = context.new_page()
    html = (
        f'<!doctype html><html lang="vi"><script src="{static("web/offline-queue.js")}"></script>'
    )
    page.route(
        f"{base}/hang-doi/", lambda route: route.fulfill(content_type="text/html", body=html)
    )
    api = FakeApi()
    page.route(f"{base}/api/fake/**", api.handle)
    page.goto(f"{base}/hang-doi/")
    page.evaluate(OPEN)
    page.api = api
    yield page
    context.close()


def _add(page, *items) -> list[str]:
    """Queue the items, one second apart (unless they say when), and their client_uuids."""
    items = [{"created": f"2026-11-29T10:00:{n:02d}.000Z", **item} for n, item in enumerate(items)]
    return page.evaluate(
        """async items => {
          const made = [];
          for (const item of items) made.push((await q.add(item)).client_uuid);
          return made;
        }""",
        list(items),
    )


def _pending(page) -> set[str]:
    return set(page.evaluate("() => q.pending().then(rs => rs.map(r => r.client_uuid))"))


def test_items_added_offline_survive_a_reload(queue_page):
    page = queue_page
    page.context.set_offline(True)
    uuids = _add(page, {"name": "An"}, {"name": "Bình"}, {"name": "Chi"})
    assert all(UUID4.match(u) for u in uuids)
    assert len(set(uuids)) == 3

    # offline, a sync sends nothing
    page.evaluate("() => q.sync()")
    assert page.api.calls == []

    page.context.set_offline(False)
    page.reload()
    page.evaluate(OPEN)
    assert _pending(page) == set(uuids)
    # oldest first
    assert page.evaluate("() => q.pending().then(rs => rs.map(r => r.name))") == [
        "An",
        "Bình",
        "Chi",
    ]


def test_a_client_uuid_is_made_without_crypto_random_uuid(queue_page):
    page = queue_page
    page.evaluate("() => { delete Crypto.prototype.randomUUID; }")
    made = page.evaluate("() => [OfflineQueue.uuid(), OfflineQueue.uuid()]")
    assert all(UUID4.match(u) for u in made)
    assert made[0] != made[1]
    # a client_uuid given by the caller is kept; the time it was queued is added
    rec = page.evaluate("() => q.add({ client_uuid: 'given-id' })")
    assert rec["client_uuid"] == "given-id"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", rec["created"])


def test_sync_sends_batches_of_n_and_empties_the_queue(queue_page):
    page = queue_page
    uuids = _add(page, *({"n": i} for i in range(5)))

    page.evaluate("() => q.sync()")

    assert [len(body["items"]) for _u, body, _s, _h in page.api.calls] == [2, 2, 1]
    assert [i["client_uuid"] for _u, b, _s, _h in page.api.calls for i in b["items"]] == uuids
    assert {header for *_rest, header in page.api.calls} == {"yes"}
    assert _pending(page) == set()
    assert [r["status"] for r in page.evaluate("results")] == ["created"] * 5
    assert page.evaluate("synced") == [5]
    assert page.evaluate("errors") == []
    assert page.evaluate("changes") == 6  # each add, then the sync


def test_a_duplicate_leaves_and_a_rejected_item_is_reported_with_its_reason(queue_page):
    page = queue_page
    dup, bad, ok = _add(
        page,
        {"answer": "duplicate", "reason": "retry"},
        {"answer": "rejected", "reason": "phone_shared", "message": "Số này dùng chung"},
        {"name": "An"},
    )

    page.evaluate("() => q.sync()")

    assert _pending(page) == set()
    results = {r["client_uuid"]: r for r in page.evaluate("results")}
    assert results[dup]["status"] == "duplicate"
    assert results[bad]["status"] == "rejected"
    assert results[bad]["reason"] == "phone_shared"
    assert results[bad]["message"] == "Số này dùng chung"
    assert results[ok]["status"] == "created"


def test_an_item_without_a_result_stays_for_the_next_sync(queue_page):
    page = queue_page
    page.route(
        "**/api/fake/batch",
        lambda route: route.fulfill(json={"results": []}),
        times=1,
    )
    (uuid,) = _add(page, {"name": "An"})

    page.evaluate("() => q.sync()")
    assert _pending(page) == {uuid}

    page.evaluate("() => q.sync()")
    assert _pending(page) == set()


@pytest.mark.parametrize("failure", [503, 0], ids=["server-error", "network"])
def test_a_failed_sync_keeps_the_items_and_a_later_one_sends_them_once(queue_page, failure):
    page = queue_page
    page.api.plan = [failure]
    uuids = _add(page, {"n": 1}, {"n": 2}, {"n": 3})

    page.evaluate("() => q.sync()")
    assert page.evaluate("errors") == [failure]
    assert page.evaluate("q.failures") == 1
    assert _pending(page) == set(uuids)
    # the sync stopped at the first failed batch
    assert len(page.api.calls) == 1

    page.evaluate("() => q.sync()")
    page.evaluate("() => q.sync()")

    assert _pending(page) == set()
    assert page.api.accepted() == Counter(dict.fromkeys(uuids, 1))
    assert page.evaluate("q.failures") == 0
    assert len(page.evaluate("results")) == 3


@pytest.mark.parametrize("status", [401, 403])
def test_a_login_problem_stops_the_sync_and_keeps_everything(queue_page, status):
    page = queue_page
    page.api.plan = [status]
    uuids = _add(page, *({"n": i} for i in range(4)))

    page.evaluate("() => q.sync()")

    assert page.evaluate("errors") == [status]
    assert len(page.api.calls) == 1  # the second batch was not tried
    assert _pending(page) == set(uuids)
    assert page.evaluate("results") == []


def test_a_batch_refused_as_a_whole_rejects_its_items_with_the_message(queue_page):
    page = queue_page
    page.api.plan = [400]
    first, second, third = _add(page, {"n": 1}, {"n": 2}, {"n": 3})

    page.evaluate("() => q.sync()")

    assert page.evaluate("errors") == []
    assert _pending(page) == set()
    results = {r["client_uuid"]: r for r in page.evaluate("results")}
    assert results[first] == {
        "client_uuid": first,
        "status": "rejected",
        "reason": "",
        "message": "Máy chủ trả lời 400",
        "http": 400,
    }
    assert results[second]["http"] == 400
    assert results[third]["status"] == "created"  # the next batch went on


def test_concurrent_syncs_do_not_send_an_item_twice(queue_page):
    page = queue_page
    uuids = _add(page, *({"n": i} for i in range(5)))

    page.evaluate("() => Promise.all([q.sync(), q.sync(), q.start(), q.sync()])")

    assert page.api.sent() == Counter(dict.fromkeys(uuids, 1))
    assert page.evaluate("synced") == [5]
    assert _pending(page) == set()


def test_an_item_added_during_a_sync_waits_for_the_next_one(queue_page):
    page = queue_page
    first = _add(page, {"n": 1})

    second = page.evaluate(
        """async () => {
          const running = q.sync();
          const rec = await q.add({ n: 2 });
          await running;
          return [rec.client_uuid];
        }"""
    )
    assert page.api.sent() == Counter(first)
    assert _pending(page) == set(second)

    page.evaluate("() => q.sync()")
    assert _pending(page) == set()
    assert page.api.sent() == Counter(first + second)


def test_a_sync_asked_for_during_a_sync_sends_what_was_added_without_waiting(queue_page):
    """The console adds a check-in and asks for a sync while a sync is running: the item
    goes out as soon as that sync ends, not at the next 30-second tick."""
    page = queue_page
    first = _add(page, {"n": 1})

    second = page.evaluate(
        """async () => {
          const running = q.sync();
          const rec = await q.add({ n: 2 });
          const joined = q.sync();
          await Promise.all([running, joined]);
          return [rec.client_uuid];
        }"""
    )
    assert page.api.sent() == Counter(first + second)
    assert _pending(page) == set()


def test_records_added_in_the_same_millisecond_go_in_the_order_they_were_added(queue_page):
    """Ties on the creation time used to fall back to the client_uuid order."""
    page = queue_page
    same = "2026-11-29T10:00:00.000Z"
    uuids = [
        "cccccccc-0000-4000-8000-000000000000",
        "bbbbbbbb-0000-4000-8000-000000000000",
        "aaaaaaaa-0000-4000-8000-000000000000",
    ]
    _add(page, *({"created": same, "client_uuid": u} for u in uuids))

    page.evaluate("() => q.sync()")

    assert [i["client_uuid"] for _u, b, _s, _h in page.api.calls for i in b["items"]] == uuids


def test_routes_send_by_rank_then_age_in_batches_and_single_posts(queue_page):
    page = queue_page
    page.evaluate(
        """() => {
          window.q = OfflineQueue.open({
            db: "test-routes", batchSize: 2,
            route: r => r.kind === "note"
              ? { url: "/api/fake/notes", body: { text: r.text }, rank: 2 }
              : r.kind === "open"
                ? { url: "/api/fake/open", rank: 0 }
                : { url: "/api/fake/batch", batch: r.group, rank: 1 },
            envelope: recs => ({ group: recs[0].group, items: recs }),
            onResult: (rec, x) => { window.results.push([rec.kind, x.status]); }
          });
        }"""
    )
    page.evaluate(
        """async () => {
          await q.add({ kind: "note", text: "first note" });
          await q.add({ kind: "item", group: "a" });
          await q.add({ kind: "item", group: "b" });
          await q.add({ kind: "item", group: "a" });
          await q.add({ kind: "item", group: "a" });
          await q.add({ kind: "open" });
        }"""
    )

    page.evaluate("() => q.sync()")

    sent = [
        (url.rsplit("/", 1)[1], body.get("group"), len(body.get("items", [])))
        for url, body, _s, _h in page.api.calls
    ]
    assert sent == [
        ("open", None, 0),
        ("batch", "a", 2),
        ("batch", "a", 1),
        ("batch", "b", 1),
        ("notes", None, 0),
    ]
    assert page.api.calls[-1][1] == {"text": "first note"}
    assert page.evaluate("results") == [
        ["open", "created"],
        ["item", "created"],
        ["item", "created"],
        ["item", "created"],
        ["item", "created"],
        ["note", "created"],
    ]
    assert _pending(page) == set()


def test_start_retries_with_backoff_then_syncs_every_30_seconds(queue_page):
    page = queue_page
    page.clock.install(time=dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC))
    page.clock.pause_at(dt.datetime(2026, 11, 29, 10, 0, 1, tzinfo=dt.UTC))  # time moves on our say
    # count the syncs as the timers start them (synchronously, unlike their requests)
    page.evaluate(
        "() => { const sync = q.sync; window.syncs = 0; q.sync = () => (syncs++, sync()); }"
    )
    page.api.plan = [503, 503]
    _add(page, {"n": 1})

    page.evaluate("() => q.start()")
    assert page.evaluate("errors") == [503]

    # the first retry comes 5 s after the failure, the second 10 s after the next one
    page.clock.run_for(4_900)
    assert page.evaluate("syncs") == 1
    page.clock.run_for(200)
    assert page.evaluate("syncs") == 2
    page.wait_for_function("() => errors.length === 2")
    page.clock.run_for(9_800)
    assert page.evaluate("syncs") == 2
    page.clock.run_for(300)
    assert page.evaluate("syncs") == 3
    page.wait_for_function("() => synced.length === 1")
    assert _pending(page) == set()

    # then, all sent, the next sync comes 30 s later
    page.clock.run_for(29_800)
    assert page.evaluate("syncs") == 3
    page.clock.run_for(300)
    assert page.evaluate("syncs") == 4
    page.wait_for_function("() => synced.length === 2")
    assert len(page.api.calls) == 3
