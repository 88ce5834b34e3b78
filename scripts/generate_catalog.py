#!/usr/bin/env python3
"""Generate the sandbox account's catalogue, deterministically.

Writes widgets.json, users.json, pipelines.json, account.json and auth.json into --out
(default Resources/catalog) and, unless --no-swift, the Swift source that embeds them in the
binary (Sources/AmoSandbox/Catalog/EmbeddedCatalog.swift), so a copied binary needs no files.

    scripts/generate_catalog.py                                   # the committed catalogue
    scripts/generate_catalog.py --widgets 10000 --out /tmp/big --no-swift   # a benchmark account

The same arguments always give byte-identical output (a fixed random seed, no clock).
"""
import argparse
import json
import os
import random
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog_data import (ACCOUNT, ADMIN_USER, KEY_STEMS, NAMES, PIPELINES, PLAIN_USER, PRODUCTS,  # noqa: E402
                          SEED_WIDGETS, STATUSES, TYPES, USERS, VENDORS, VERSION_SHAPES)


def version(rng):
    shape = rng.choice(VERSION_SHAPES)
    a, b, c = rng.randint(0, 4), rng.randint(0, 19), rng.randint(0, 40)
    if shape == "semver":
        return f"{a}.{b}.{c}"
    if shape == "two":
        return f"{a}.{b}"
    if shape == "int":
        return rng.randint(1, 30)          # the live service has sent bare integers
    if shape == "pre":
        return f"{a}.{b}.{c}-beta.{rng.randint(1, 5)}"
    if shape == "date":
        return f"2024.{rng.randint(1, 12):02d}.{rng.randint(1, 28)}"
    if shape == "vprefix":
        return f"v{a}.{b}"
    return f"{a}.{b}.{c}.{rng.randint(100, 9999)}"


def rating(rng):
    r = rng.random()
    if r < 0.55:
        return f"{rng.randint(1, 4)},{rng.randint(0, 9)}"     # "4,5": a decimal comma in a string
    if r < 0.65:
        return str(rng.randint(1, 5))                         # "5"
    if r < 0.80:
        return round(rng.uniform(1, 5), 1)                    # 3.7
    if r < 0.85:
        return rng.randint(1, 5)                              # 4
    return None


def field(rng, ftype, used_keys, required):
    stem = rng.choice(KEY_STEMS[ftype])
    key, n = stem, 2
    while key in used_keys:
        key, n = f"{stem}_{n}", n + 1
    used_keys.add(key)
    return {"key": key, "name": rng.choice(NAMES[ftype]), "type": ftype, "is_required": required}


def template(rng, index):
    """Field layouts: the first widgets cover every type alone (required and optional), then mixes."""
    singles = [(t, req) for t in TYPES for req in (True, False)]
    if index < len(singles):
        t, req = singles[index]
        return [field(rng, t, set(), req)]
    if index < len(singles) + 6 or rng.random() < 0.12:
        return []                                             # widgets with no settings at all
    used = set()
    count = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6])
    weights = [45, 20, 12, 8, 15]
    return [field(rng, rng.choices(TYPES, weights)[0], used, rng.random() < 0.6) for _ in range(count)]


def sample_settings(rng, tmpl):
    """Stored settings of an installed widget: valid against its template, with real secrets."""
    admins = [u[0] for u in USERS]
    out = {}
    for f in tmpl:
        if not f["is_required"] and rng.random() < 0.3:
            continue
        t = f["type"]
        if t == "text":
            out[f["key"]] = rng.choice(["https://hooks.example.com/amo", "manager", "shop-4411",
                                        "Компания «Ромашка»", "+7 495 123-45-67"])
        elif t == "pass":
            out[f["key"]] = "s3cr3t-" + "".join(rng.choice("abcdef0123456789") for _ in range(12))
        elif t == "users":
            ids = rng.sample(admins, rng.randint(1, 3))
            out[f["key"]] = {str(i): (str(100 + k) if k % 2 == 0 else 200 + k) for k, i in enumerate(ids)}
        elif t == "users_lp":
            ids = rng.sample(admins, rng.randint(1, 2))
            out[f["key"]] = {str(i): {"login": f"user{i}", "password": "pw-" + "".join(
                rng.choice("ABCDEFGH234567") for _ in range(10))} for i in ids}
        else:
            out[f["key"]] = {"enabled": True, "fields": [rng.randint(1, 999) for _ in range(2)]}
    return out


def widgets(rng, total):
    result = [dict(w) for w in SEED_WIDGETS]
    codes = {w["code"] for w in result}
    next_id = 1001
    index = 0
    while len(result) < total:
        vendor, product = rng.choice(VENDORS), rng.choice(PRODUCTS)
        code = f"{vendor}_{product}"
        if code in codes or rng.random() < 0.3:
            code = f"{vendor}_{product}_{next_id}"
        if index == 17:
            code = "amo_very_long_widget_code_for_narrow_terminals_and_truncation_checks"
        codes.add(code)
        flags = index % 8                                     # every flag combination, in turn
        tmpl = template(rng, index)
        has_uuid = rng.random() < 0.4
        w = {"id": next_id, "code": code, "version": version(rng), "rating": rating(rng),
             "settings_template": tmpl,
             "is_lead_source": bool(flags & 1), "is_work_with_dp": bool(flags & 2),
             "is_crm_template": bool(flags & 4),
             "client_uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)) if has_uuid else None,
             "is_active_in_account": False, "pipeline_id": None}
        if index == 23:
            # Hostile text a terminal must not obey: control characters inside a field name.
            w["settings_template"] = [{"key": "note", "name": "Заметка\tс\nпереносом \u001b[31mred\u001b[0m",
                                       "type": "text", "is_required": False}]
        result.append(w)
        next_id += rng.randint(1, 7)
        index += 1
    return result


def install_some(rng, items):
    """About 5% installed: lead sources with a pipeline, some with stored secrets in settings."""
    generated = items[len(SEED_WIDGETS):]
    count = max(1, round(len(items) * 0.05))
    picked = rng.sample(range(len(generated)), min(count, len(generated)))
    # Make sure secrets are stored somewhere: the first widgets with pass / users_lp fields.
    for t in ("pass", "users_lp"):
        for i, w in enumerate(generated):
            if any(f["type"] == t for f in w["settings_template"]) and w["client_uuid"]:
                if i not in picked:
                    picked.append(i)
                break
    for n, i in enumerate(sorted(picked)):
        w = generated[i]
        w["is_active_in_account"] = True
        if w["is_lead_source"]:
            w["pipeline_id"] = PIPELINES[n % 3][0]
        if w["settings_template"] and (n % 3 != 2 or any(f["is_required"] for f in w["settings_template"])):
            w["settings"] = sample_settings(rng, w["settings_template"])
    return items


def auth(items):
    """Tokens of the catalogue: demo tokens, integration tokens, one OAuth client and its codes."""
    integrations = [w for w in items if w["is_active_in_account"] and w["client_uuid"] and w.get("settings")]
    tokens = [
        {"token": "sandbox-admin-token", "user_id": ADMIN_USER, "note": "account admin"},
        {"token": "sandbox-user-token", "user_id": PLAIN_USER, "note": "plain user"},
    ]
    for n, w in enumerate(integrations[:3], start=1):
        tokens.append({"token": f"sandbox-integration-token-{n}", "user_id": ADMIN_USER,
                       "client_uuid": w["client_uuid"], "note": f"integration of {w['code']}"})
    oauth_uuid = integrations[0]["client_uuid"] if integrations else None
    return {
        "tokens": tokens,
        "oauth_clients": [{"client_id": oauth_uuid or "00000000-0000-4000-8000-000000000001",
                           "client_secret": "sandbox-client-secret",
                           "redirect_uri": "https://example.com/amowidgets/oauth"}],
        "authorization_codes": [
            {"code": f"sandbox-auth-code-{n}", "client_id": oauth_uuid, "user_id": ADMIN_USER}
            for n in range(1, 6)
        ] + [{"code": "sandbox-auth-code-user", "client_id": oauth_uuid, "user_id": PLAIN_USER}],
    }


def users():
    return [{"id": i, "name": name, "email": email, "lang": lang,
             "rights": {"is_admin": admin, "is_free": False, "is_active": active,
                        "group_id": None, "role_id": None}}
            for (i, name, email, lang, admin, active) in USERS]


def pipelines():
    out = []
    sid = 61000001
    for (pid, name, sort, main, archive) in PIPELINES:
        statuses = []
        for k, (sname, color) in enumerate(STATUSES):
            statuses.append({"id": sid, "name": sname, "sort": (k + 1) * 10,
                             "color": color, "type": 1 if k == 0 else 0})
            sid += 1
        out.append({"id": pid, "name": name, "sort": sort, "is_main": main, "is_unsorted_on": True,
                    "is_archive": archive, "account_id": ACCOUNT["id"], "statuses": statuses})
    return out


def dump_lines(items):
    """One element a line: compact, diffable."""
    return "[\n" + ",\n".join(json.dumps(x, ensure_ascii=False, separators=(",", ":")) for x in items) + "\n]\n"


def dump_pretty(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def swift_source(files):
    parts = ["// GENERATED by scripts/generate_catalog.py: do not edit. The catalogue under",
             "// Resources/catalog embedded in the binary, so a copied binary needs no resource files",
             "// (a test checks the two stay equal).", "",
             "/// The committed catalogue files, by file name, as UTF-8 JSON text.",
             "enum EmbeddedCatalog {",
             "    static let files: [String: String] = ["]
    for name, text in files:
        if '"""##' in text:
            raise SystemExit(f"{name}: text would end the Swift raw string literal")
        parts.append(f'        "{name}": ##"""')
        parts.append(text.rstrip("\n"))
        parts.append('"""##,')
    parts += ["    ]", "}", ""]
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--widgets", type=int, default=600, help="number of widgets (>= 3, default 600)")
    ap.add_argument("--out", default=os.path.join(ROOT, "Resources", "catalog"), help="output folder")
    ap.add_argument("--swift", default=os.path.join(ROOT, "Sources", "AmoSandbox", "Catalog", "EmbeddedCatalog.swift"),
                    help="Swift source embedding the catalogue")
    ap.add_argument("--no-swift", action="store_true", help="do not write the Swift source")
    ap.add_argument("--seed", type=int, default=20240601, help="random seed")
    args = ap.parse_args()
    if args.widgets < len(SEED_WIDGETS):
        ap.error(f"--widgets must be at least {len(SEED_WIDGETS)}")

    rng = random.Random(args.seed)
    items = install_some(rng, widgets(rng, args.widgets))
    files = [
        ("account.json", dump_pretty(ACCOUNT)),
        ("auth.json", dump_pretty(auth(items))),
        ("pipelines.json", dump_lines(pipelines())),
        ("users.json", dump_lines(users())),
        ("widgets.json", dump_lines(items)),
    ]
    os.makedirs(args.out, exist_ok=True)
    for name, text in files:
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write(text)
    if not args.no_swift:
        os.makedirs(os.path.dirname(args.swift), exist_ok=True)
        with open(args.swift, "w", encoding="utf-8") as f:
            f.write(swift_source(files))
    installed = sum(1 for w in items if w["is_active_in_account"])
    print(f"{len(items)} widgets ({installed} installed), {len(USERS)} users, {len(PIPELINES)} pipelines -> {args.out}")


if __name__ == "__main__":
    main()
