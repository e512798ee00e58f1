#!/usr/bin/env python3
"""A secrets corpus we generate: planted secrets of many provider formats and generic
credentials, in every file kind shipshape reads, plus decoys that must stay silent
(placeholders, references, i18n labels, test fixtures, hashes, UUIDs, commit ids).

usage: secrets_corpus.py DIR   writes the tree and DIR/../truth.json: each planted secret's
path, line and format, and each decoy's path and line."""
import json
import os
import random
import string
import sys

rng = random.Random(20261203)
A = string.ascii_letters + string.digits
HEX = "0123456789abcdef"


def r(n, alphabet=A):
    return "".join(rng.choice(alphabet) for _ in range(n))


def mixed(n):
    # At least one digit, one upper and one lower: real keys are not all letters.
    while True:
        s = r(n)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


# (format, generator, a natural variable name)
FORMATS = [
    ("aws-access-key", lambda: "AKIA" + r(16, string.ascii_uppercase + string.digits), "AWS_ACCESS_KEY_ID"),
    ("github-pat", lambda: "ghp_" + mixed(36), "GH_TOKEN"),
    ("github-fine-grained", lambda: "github_pat_" + mixed(22) + "_" + mixed(59), "GITHUB_PAT"),
    ("gitlab", lambda: "glpat-" + mixed(20), "GITLAB_TOKEN"),
    ("slack-bot", lambda: "xoxb-" + r(12, string.digits) + "-" + r(12, string.digits) + "-" + mixed(24), "SLACK_BOT_TOKEN"),
    ("slack-webhook", lambda: "https://hooks.slack.com/services/T" + r(8, string.ascii_uppercase + string.digits) + "/B" + r(8, string.ascii_uppercase + string.digits) + "/" + mixed(24), "SLACK_WEBHOOK"),
    ("stripe-live", lambda: "sk_live_" + mixed(32), "STRIPE_KEY"),
    ("stripe-restricted", lambda: "rk_live_" + mixed(32), "STRIPE_RESTRICTED"),
    ("google-api", lambda: "AIza" + mixed(35), "GOOGLE_MAPS_KEY"),
    ("sendgrid", lambda: "SG." + mixed(22) + "." + mixed(43), "SENDGRID_KEY"),
    ("twilio", lambda: "SK" + r(32, HEX), "TWILIO_API_KEY"),
    ("npm", lambda: "npm_" + mixed(36), "NPM_TOKEN"),
    ("digitalocean", lambda: "dop_v1_" + r(64, HEX), "DO_TOKEN"),
    ("shopify", lambda: "shpat_" + r(32, HEX), "SHOPIFY_TOKEN"),
    ("mailgun", lambda: "key-" + r(32, HEX + "abcdef"), "MAILGUN_KEY"),
    ("openai", lambda: "sk-proj-" + mixed(48), "OPENAI_KEY"),
    ("anthropic", lambda: "sk-ant-api03-" + mixed(80), "ANTHROPIC_KEY"),
    ("huggingface", lambda: "hf_" + mixed(34), "HF_TOKEN"),
    ("databricks", lambda: "dapi" + r(32, HEX), "DATABRICKS_TOKEN"),
    ("vault", lambda: "hvs." + mixed(24), "VAULT_TOKEN"),
    ("linear", lambda: "lin_api_" + mixed(40), "LINEAR_KEY"),
    ("postman", lambda: "PMAK-" + r(24, HEX) + "-" + r(34, HEX), "POSTMAN_KEY"),
    ("sentry-auth", lambda: "sntrys_" + mixed(64), "SENTRY_AUTH"),
    ("grafana", lambda: "glsa_" + mixed(32) + "_" + r(8, HEX), "GRAFANA_SA"),
    ("supabase-access", lambda: "sbp_" + r(40, HEX), "SUPABASE_ACCESS"),
    ("doppler", lambda: "dp.pt." + mixed(43), "DOPPLER"),
    ("dockerhub", lambda: "dckr_pat_" + mixed(27), "DOCKERHUB"),
    ("pypi", lambda: "pypi-AgEIcHlwaS5vcmc" + mixed(70), "PYPI"),
    ("square", lambda: "sq0atp-" + mixed(22), "SQUARE"),
    ("age", lambda: "AGE-SECRET-KEY-1" + r(58, string.ascii_uppercase + string.digits), "AGE_KEY"),
    ("jwt", lambda: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI" + mixed(30) + "." + mixed(43), "SESSION_JWT"),
    ("password-in-url", lambda: "postgres://app:" + mixed(16) + "@db.prod-" + r(6, string.ascii_lowercase) + ".acme-corp.io:5432/app", "DATABASE_URL"),
    ("generic-password", lambda: mixed(18), "DB_PASSWORD"),
    ("generic-secret", lambda: mixed(40), "JWT_SECRET"),
]

# How a (name, value) line is written in each file kind, and where the file lives.
KINDS = {
    "dotenv": (".env.production", lambda n, v: f"{n}={v}"),
    "compose": ("docker-compose.yml", None),
    "k8s": ("k8s/deployment.yaml", None),
    "workflow": (".github/workflows/deploy.yml", None),
    "dockerfile": ("Dockerfile", lambda n, v: f"ENV {n}={v}"),
    "json": ("app.json", None),
    "toml": ("netlify.toml", None),
    "python": ("app/settings.py", lambda n, v: f'{n} = "{v}"'),
    "typescript": ("src/config.ts", lambda n, v: f'export const {n.lower()} = "{v}";'),
    # Object literals, a second pair on the line: `{ region: "…", apiKey: "…" }`.
    "ts-object": ("src/clients.ts", lambda n, v: f'export const {camel(n)}Client = {{ region: "eu-west-1", {camel(n)}: "{v}" }};'),
    "terraform": ("infra/main.tf", None),
    "markdown": ("docs/setup.md", lambda n, v: f"Set `{n}` to `{v}` in the dashboard."),
    "shell": ("scripts/deploy.sh", lambda n, v: f'export {n}="{v}"'),
    "makefile": ("Makefile", lambda n, v: f"{n} ?= {v}"),
}


def camel(name):
    head, *rest = name.lower().split("_")
    return head + "".join(w.capitalize() for w in rest)


def b64(text):
    import base64
    return base64.b64encode(text.encode()).decode()


def credential_files(root, truth):
    """Files that hold credentials by convention (#19): each planted value with its line."""
    v = {  # the secret values, by name
        "npm": "npm_" + mixed(36), "gh1": "ghp_" + mixed(36), "gl_npm": mixed(20), "pypi": "pypi-AgEIcHlwaS5vcmc" + mixed(70),
        "testpypi": mixed(20), "heroku": "-".join(r(n, HEX) for n in (8, 4, 4, 4, 12)), "gh2": "ghp_" + mixed(36),
        "gh3": "ghp_" + mixed(36), "gl": "glpat-" + mixed(20), "reg1": mixed(18), "gh4": "ghp_" + mixed(36),
        "kube": mixed(32), "kube_key": mixed(60), "ssh": [mixed(70) for _ in range(4)], "pem": [mixed(64) for _ in range(5)],
        "sa": [mixed(64) for _ in range(4)], "oauth": "GOCSPX-" + mixed(28), "akia": "AKIA" + r(16, string.ascii_uppercase + string.digits),
        "aws": mixed(40), "pg": mixed(18),
    }
    reg1, reg2 = b64("deploy:" + v["reg1"]), b64("ci:" + v["gh4"])
    kube_key = b64("-----BEGIN RSA PRIVATE KEY-----\n" + v["kube_key"])
    sa_key = "\\n".join(v["sa"])
    # (kind, path, lines, {line: (format, value that must never be printed)}, decoy lines)
    files = [
        ("npmrc", ".npmrc", [
            "registry=https://registry.npmjs.org/",
            "//registry.npmjs.org/:_authToken=" + v["npm"],
            "//npm.pkg.github.com/:_authToken=" + v["gh1"],
            "//gitlab.example.com/api/v4/packages/npm/:_authToken=" + v["gl_npm"],
            "//registry.example.com/:_authToken=${NPM_TOKEN}",
        ], {2: ("npm", v["npm"]), 3: ("github-pat", v["gh1"]), 4: ("generic-secret", v["gl_npm"])}, {5}),
        ("pypirc", ".pypirc", [
            "[pypi]", "username = __token__", "password = " + v["pypi"], "[testpypi]", "username = ci", "password = " + v["testpypi"],
        ], {3: ("pypi", v["pypi"]), 6: ("generic-password", v["testpypi"])}, set()),
        ("netrc", ".netrc", [
            "machine api.heroku.com", "  login ops@example.com", "  password " + v["heroku"],
            "machine github.com login ci password " + v["gh2"],
        ], {3: ("generic-password", v["heroku"]), 4: ("github-pat", v["gh2"])}, set()),
        ("git-creds", ".git-credentials", [
            "https://deploy:" + v["gh3"] + "@github.com", "https://oauth2:" + v["gl"] + "@gitlab.com",
        ], {1: ("github-pat", v["gh3"]), 2: ("gitlab", v["gl"])}, set()),
        ("docker-cfg", ".docker/config.json", [
            "{", '  "auths": {', '    "registry.example.com": {', f'      "auth": "{reg1}"', "    },",
            '    "ghcr.io": {', f'      "auth": "{reg2}"', "    }", "  }", "}",
        ], {4: ("registry-auth", reg1), 7: ("registry-auth", reg2)}, set()),
        ("kubeconfig", "ops/kubeconfig-prod.yaml", [
            "apiVersion: v1", "kind: Config", "users:", "  - name: ci", "    user:", "      token: " + v["kube"],
            "  - name: admin", "    user:",
            "      client-certificate-data: " + b64("-----BEGIN CERTIFICATE-----\n" + mixed(40)),
            "      client-key-data: " + kube_key,
            "  - name: dev", "    user:", "      token: <your-token-here>",
        ], {6: ("generic-secret", v["kube"]), 10: ("private-key", kube_key)}, {9, 13}),
        ("ssh-key", "deploy/keys/id_ed25519", [
            "-----BEGIN OPENSSH PRIVATE KEY-----", *v["ssh"], "-----END OPENSSH PRIVATE KEY-----",
        ], {1: ("private-key", v["ssh"][1])}, set()),
        ("pem", "certs/server.key", [
            "-----BEGIN PRIVATE KEY-----", *v["pem"], "-----END PRIVATE KEY-----",
        ], {1: ("private-key", v["pem"][2])}, set()),
        ("pem", "certs/ca.pem", [
            "-----BEGIN CERTIFICATE-----", *[mixed(64) for _ in range(5)], "-----END CERTIFICATE-----",
        ], {}, {1}),
        ("sa-json", "infra/gcp/terraform-sa.json", [
            "{", '  "type": "service_account",', '  "project_id": "acme-prod",', '  "private_key_id": "' + r(40, HEX) + '",',
            '  "private_key": "-----BEGIN PRIVATE KEY-----\\n' + sa_key + '\\n-----END PRIVATE KEY-----\\n",',
            '  "client_email": "terraform@acme-prod.iam.gserviceaccount.com",', '  "client_id": "' + r(21, "0123456789") + '"', "}",
        ], {5: ("private-key", v["sa"][1])}, {4, 7}),
        ("oauth-json", "credentials.json", [
            "{", '  "installed": {', '    "client_id": "' + r(12, "0123456789") + "-" + r(32, string.ascii_lowercase + string.digits) + '.apps.googleusercontent.com",',
            '    "client_secret": "' + v["oauth"] + '",', '    "redirect_uris": ["http://localhost"]', "  }", "}",
        ], {4: ("generic-secret", v["oauth"])}, {3}),
        ("aws-creds", ".aws/credentials", [
            "[default]", "aws_access_key_id = " + v["akia"], "aws_secret_access_key = " + v["aws"],
        ], {2: ("aws-access-key", v["akia"]), 3: ("generic-secret", v["aws"])}, set()),
        ("pgpass", ".pgpass", ["db.prod.example.com:5432:app:app:" + v["pg"]], {1: ("generic-password", v["pg"])}, set()),
    ]
    for kind, path, lines, secret_lines, decoy_lines in files:
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full) or root, exist_ok=True)
        with open(full, "w") as f:
            f.write("\n".join(lines) + "\n")
        for line, (fmt, value) in secret_lines.items():
            truth["secrets"].append({"path": path, "line": line, "kind": kind, "format": fmt, "value": value})
        for line in decoy_lines:
            truth["decoys"].append({"path": path, "line": line, "kind": kind})


def main(root):
    truth = {"secrets": [], "decoys": []}
    lines = {k: [] for k in KINDS}

    def add(kind, text, record=None):
        lines[kind].append((text, record))

    kinds = list(KINDS)
    n = 0
    for i in range(5):
        for fmt, gen, name in FORMATS:
            kind = kinds[n % len(kinds)]
            n += 1
            value = gen()
            add(kind, (name + f"_{i}", value), ("secret", fmt))
    # Decoys: placeholders, references, labels, hashes, ids.
    decoys = [
        ("API_KEY", "your-api-key-here"), ("STRIPE_SECRET_KEY", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"),
        ("DB_PASSWORD", "${DB_PASSWORD}"), ("JWT_SECRET", "env(JWT_SECRET)"), ("API_TOKEN", "<token>"),
        ("SESSION_SECRET", "changeme"), ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
        ("GITHUB_TOKEN", "${{ secrets.GITHUB_TOKEN }}"), ("SECRET_KEY", "os.environ['SECRET_KEY']"),
        ("PASSWORD", "{{ .Values.password }}"), ("BUILD_SHA", r(40, HEX)), ("CHECKSUM", r(64, HEX)),
        ("REQUEST_ID", "550e8400-e29b-41d4-a716-446655440000"), ("INSTALL_ID", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
        ("TOKEN_EXPIRES_IN", "3600"), ("PUBLIC_KEY_PATH", "/etc/keys/public.pem"), ("SECRET_NAME", "prod/db/password"),
        ("NEXT_PUBLIC_SUPABASE_ANON_KEY", "public-anon-key"), ("IMAGE_DIGEST", "sha256:" + r(64, HEX)),
        ("PASSWORD_RESET_URL", "https://app.example.com/reset"),
    ]
    for j, (name, value) in enumerate(decoys * 2):
        kind = kinds[j % len(kinds)]
        add(kind, (name, value), ("decoy", name))

    written = {}
    for kind, (path, fmt) in KINDS.items():
        out = []
        truth_lines = []
        header = {
            "compose": ["services:", "  api:", "    image: app:1", "    environment:"],
            "k8s": ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: api", "spec:", "  template:", "    spec:", "      containers:", "        - name: api", "          image: app:1", "          env:"],
            "workflow": ["on: push", "jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    env:"],
            "json": ["{", '  "name": "api",', '  "env": {'],
            "toml": ["[build]", '  command = "npm run build"', "[build.environment]"],
            "terraform": ['resource "aws_lambda_function" "api" {', "  environment {", "    variables = {"],
            "python": ["import os"],
            "markdown": ["# Setup", ""],
            "dockerfile": ["FROM node:20-slim"],
        }.get(kind, [])
        out.extend(header)
        entries = lines[kind]
        for idx, ((name, value), record) in enumerate(entries):
            if kind == "compose":
                text = f"      {name}: \"{value}\""
            elif kind == "k8s":
                text = f"            - name: {name}\n              value: \"{value}\""
            elif kind == "workflow":
                text = f"      {name}: \"{value}\""
            elif kind == "json":
                comma = "," if idx < len(entries) - 1 else ""
                text = f'    "{name}": "{value}"{comma}'
            elif kind == "toml":
                text = f'  {name} = "{value}"'
            elif kind == "terraform":
                text = f'      {name} = "{value}"'
            else:
                text = fmt(name, value)
            value_line = sum(x.count("\n") + 1 for x in out) + 1 + text.count("\n")
            out.append(text)
            truth_lines.append((value_line, record, value))
        footer = {
            "workflow": ["    steps:", "      - run: ./scripts/deploy.sh"],
            "json": ["  }", "}"],
            "terraform": ["    }", "  }", "}"],
            "dockerfile": ['CMD ["node", "server.js"]'],
        }.get(kind, [])
        out.extend(footer)
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write("\n".join(out) + "\n")
        for line, record, value in truth_lines:
            entry = {"path": path, "line": line, "kind": kind}
            if record[0] == "secret":
                truth["secrets"].append({**entry, "format": record[1], "value": value})
            else:
                truth["decoys"].append(entry)
    credential_files(root, truth)
    # i18n labels and test fixtures: silent in production findings.
    os.makedirs(os.path.join(root, "locales"), exist_ok=True)
    labels = {"forgot_password": "Forgot your password?", "password_hint": "At least 12 characters.", "api_token_label": "Enter the API token", "reset_password": "Reset password"}
    with open(os.path.join(root, "locales/en.json"), "w") as f:
        f.write("{\n" + ",\n".join(f'  "{k}": "{v}"' for k, v in labels.items()) + "\n}\n")
    for i, _ in enumerate(labels):
        truth["decoys"].append({"path": "locales/en.json", "line": i + 2, "kind": "i18n"})
    os.makedirs(os.path.join(root, "tests/fixtures"), exist_ok=True)
    fixture = [f"STRIPE_SECRET_KEY=sk_live_{mixed(32)}", f"GITHUB_TOKEN=ghp_{mixed(36)}", f"DB_PASSWORD={mixed(16)}", f"AWS_ACCESS_KEY_ID=AKIA{r(16, string.ascii_uppercase + string.digits)}"]
    with open(os.path.join(root, "tests/fixtures/.env"), "w") as f:
        f.write("\n".join(fixture) + "\n")
    for i, _ in enumerate(fixture):
        truth["decoys"].append({"path": "tests/fixtures/.env", "line": i + 1, "kind": "fixture"})
    with open(os.path.join(root, "package.json"), "w") as f:
        f.write('{"name": "api", "scripts": {"start": "node server.js"}}\n')
    with open(os.path.join(os.path.dirname(root.rstrip("/")), "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
    kinds = {s["kind"] for s in truth["secrets"]}
    print(f"{len(truth['secrets'])} secrets of {len({s['format'] for s in truth['secrets']})} formats in {len(kinds)} file kinds, {len(truth['decoys'])} decoys", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
