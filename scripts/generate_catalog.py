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
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = "https://example.amocrm.ru"

# The seed document's own widgets, verbatim (fixtures/widget-amo_dropbox.json,
# fixtures/widgets-list-page.json, fixtures/install-amo_asterisk-response.json).
SEED_WIDGETS = [
    {"id": 742, "code": "amo_dropbox", "version": "0.0.13", "rating": "2,8",
     "settings_template": [{"key": "conf", "name": "custom", "type": "custom", "is_required": False}],
     "is_lead_source": False, "is_work_with_dp": False, "is_crm_template": False,
     "client_uuid": None, "is_active_in_account": False, "pipeline_id": None},
    {"id": 796, "code": "amo_mailchimp", "version": "1.1.12", "rating": "3,4",
     "settings_template": [{"key": "api", "name": "custom", "type": "custom", "is_required": False}],
     "is_lead_source": False, "is_work_with_dp": False, "is_crm_template": False,
     "client_uuid": None, "is_active_in_account": False, "pipeline_id": None},
    {"id": 972, "code": "amo_asterisk", "version": "1.1.6", "rating": "2,7",
     "settings_template": [
         {"key": "login", "name": "Логин", "type": "text", "is_required": True},
         {"key": "password", "name": "Пароль", "type": "pass", "is_required": True},
         {"key": "phones", "name": "Список телефонов", "type": "users", "is_required": True},
         {"key": "script_path", "name": "Путь к скрипту", "type": "text", "is_required": True}],
     "is_lead_source": False, "is_work_with_dp": False, "is_crm_template": False,
     "client_uuid": None, "is_active_in_account": False, "pipeline_id": None},
]

USERS = [
    # (id, name, email, lang, is_admin, is_active)
    (504141, "Иван Петров", "ivan.petrov@example.com", "ru", True, True),
    (504142, "Мария Смирнова", "maria.smirnova@example.com", "ru", False, True),
    (504143, "John Smith", "john.smith@example.com", "en", True, True),
    (504144, "Ольга Кузнецова", "olga.kuznetsova@example.com", "ru", True, True),
    (504145, "Alexey Volkov", "alexey.volkov@example.com", "en", True, True),
    (504146, "Екатерина Соколова", "ekaterina@example.com", "ru", True, True),
    (504147, "Dmitry Popov", "d.popov@example.com", "ru", True, True),
    (504148, "Анна Лебедева", "anna.lebedeva@example.com", "ru", True, True),
    (504149, "Emily Clark", "emily.clark@example.com", "en", True, True),
    (504150, "Сергей Новиков", "sergey.novikov@example.com", "ru", False, True),
    (504151, "Наталья Морозова", "natalia@example.com", "ru", True, True),
    (504152, "Pavel Kozlov", "pavel.kozlov@example.com", "en", True, True),
    (504153, "Татьяна Васильева", "tatiana.v@example.com", "ru", True, True),
    (504154, "Michael Brown", "m.brown@example.com", "en", True, True),
    (504155, "Андрей Фёдоров", "andrey.fedorov@example.com", "ru", True, True),
    (504156, "Юлия Михайлова", "julia.m@example.com", "ru", True, True),
    (504157, "Nikolai Orlov", "nikolai.orlov@example.com", "en", True, True),
    (504158, "Светлана Егорова", "svetlana@example.com", "ru", True, True),
    (504159, "Carlos García", "carlos.garcia@example.com", "es", True, True),
    (504160, "Виктор Павлов (уволен)", "viktor.pavlov@example.com", "ru", True, False),
    (504161, "李伟 Li Wei", "li.wei@example.com", "en", True, True),
    (504162, "Ксения Зайцева-Оболенская", "kseniya.zaytseva-obolenskaya@example.com", "ru", True, True),
]
ADMIN_USER = 504141
PLAIN_USER = 504142

PIPELINES = [
    (7001001, "Воронка", 1, True, False),
    (7001002, "Партнёры / Partners", 2, False, False),
    (7001003, "Support desk", 3, False, False),
    (7001004, "Архив 2023", 4, False, True),
]
STATUSES = [("Неразобранное", "#c1c1c1"), ("Первичный контакт", "#99ccff"),
            ("Переговоры", "#ffff99"), ("Успешно реализовано", "#ccff66"),
            ("Закрыто и не реализовано", "#d5d8db")]

ACCOUNT = {"id": 29930871, "name": "Песочница amowidgets", "subdomain": "sandbox",
           "country": "RU", "currency": "RUB", "currency_symbol": "₽",
           "created_at": 1672531200, "created_by": ADMIN_USER, "is_technical_account": False}

# Field names: Russian, English and mixed, by type.
NAMES = {
    "text": ["Логин", "Login", "API URL", "Адрес сервера", "Webhook URL", "Домен Bitrix24",
             "ID магазина", "Sender name", "Подпись в SMS", "Токен API (production)",
             "Путь к скрипту", "Account SID", "Номер WhatsApp", "Client ID"],
    "pass": ["Пароль", "Password", "API key", "Ключ API", "Secret token", "Секретный ключ",
             "Пароль SIP", "Auth token"],
    "users": ["Список телефонов", "Внутренние номера", "Extensions", "Менеджеры (users)",
              "Agents", "Ответственные"],
    "users_lp": ["Логины и пароли сотрудников", "User logins", "Доступы менеджеров",
                 "Accounts per user"],
    "custom": ["custom", "Настройки", "Configuration", "Поля формы", "Маппинг полей (JSON)"],
}
KEY_STEMS = {
    "text": ["login", "api_url", "server", "webhook", "domain", "shop_id", "sender", "signature",
             "token", "script_path", "sid", "phone", "client_id"],
    "pass": ["password", "api_key", "secret", "sip_password", "auth_token"],
    "users": ["phones", "extensions", "managers", "agents"],
    "users_lp": ["accounts", "logins", "credentials"],
    "custom": ["conf", "api", "mapping", "form", "options"],
}
TYPES = ["text", "pass", "users", "users_lp", "custom"]
VENDORS = ["amo", "kommo", "crm", "tg", "wa", "sip", "voip", "mail", "sms", "bi", "pay", "docs",
           "shop", "form", "chat", "calltracking", "analytics", "zadarma", "mango", "uis",
           "yandex", "vk", "ok", "onec", "bitrix", "tilda", "wix", "stripe", "sber", "tinkoff"]
PRODUCTS = ["bot", "sync", "export", "import", "widget", "connector", "integration", "calls",
            "reports", "leads", "tasks", "calendar", "dashboard", "webhooks", "notes", "pdf",
            "invoices", "chat", "mailer", "tracker", "scoring", "routing", "backup", "dedup"]
VERSION_SHAPES = ["semver", "semver", "semver", "two", "int", "pre", "date", "vprefix", "four"]


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
