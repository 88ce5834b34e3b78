"""Fixed data of the sandbox catalogue: the seed widgets, users, pipelines, the account and the
word lists widgets are generated from (used by generate_catalog.py)."""

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
