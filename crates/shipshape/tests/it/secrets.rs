//! No planted secret value reaches any output: every report format, `diff`, `history`,
//! `init`, `explain` and the history store. The values are the shapes that leaked before
//! (#10): passphrases with spaces, PEM bodies with escaped newlines, Dockerfile `ENV KEY value`,
//! YAML block scalars, JSON values on the next line, the second URL on a line, `curl -u`, and a
//! file that does not parse.

use std::path::Path;
use std::process::Command;

use crate::fixtures::{command, materialize};
use crate::rounds::{commit, git};

/// (path, content); every value in [`PLANTED`] appears in one of them.
const FILES: &[(&str, &str)] = &[
    (
        ".env",
        "PASSPHRASE=correct horse battery staple 42\nPRIVATE_KEY=\"-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAx7Zq9Qp3mLkVb2wT8uJ5\\nnYcR4sE1fG6hK9aB3cD7eF0gH2\\n-----END RSA PRIVATE KEY-----\"\nSTRIPE_SECRET_KEY=sk_live_51HxQ2eLkT9vWm3Nb8Pq4Rs7\n",
    ),
    ("docker-compose.yml", "services:\n  api:\n    image: app:1\n    environment:\n      DB_PASSWORD: \"tangerine lantern 9 orbit\"\n"),
    (
        "app/settings.py",
        "import os\nDEBUG = False\nDATABASE_PASSWORD = \"velvet comet 77 harbor\"\nSECRET_KEY = os.environ[\"SECRET_KEY\"]\n",
    ),
    ("Dockerfile", "FROM python:3.12-slim\nENV API_TOKEN Zq8vLm2Kp9Xr4Tn7Wb1Yc6\nCMD [\"python\", \"-m\", \"app\"]\n"),
    ("k8s/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  api_secret: |\n    Hq7Lm3Np9Rs2Tv5Wx8Yz\n"),
    (
        "k8s/deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          env:\n            - name: REDIS_PASSWORD\n              value: Fj4Kd8Ls2Qp6Wz9M\n",
    ),
    ("app.json", "{\n  \"name\": \"app\",\n  \"client_secret\":\n    \"Pk4Jn8Hm2Lb6Gv9Fc3Dx\"\n}\n"),
    (
        ".github/workflows/deploy.yml",
        "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n      - run: psql postgres://a:Xr7Pq2Lm9Kd4@db1.example.com/x -c 'select 1' && psql postgres://b:Wm3Nb8Vc5Zx1@db2.example.com/y\n      - run: curl -u admin:Vb6Nm1Qw8Er3Ty5 https://api.example.com/deploy\n",
    ),
    (".github/workflows/broken.yml", "on: push\nenv:\n  GITHUB_TOKEN: ghp_R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXyZ\njobs: [unclosed\n"),
    ("infra/main.tf", "resource \"aws_db_instance\" \"db\" {\n  password = \"Tf9Hc2Lk7Mq4Vn1B\"\n}\n"),
    ("README.md", "# app\n\nDeploy with `export GOOGLE_API_KEY=AIzaSyD4x9Kq2Lm7Np3Rs8Tv1Wx6Yz0AbCdEfGhI`.\n"),
];

const PLANTED: &[&str] = &[
    "correct horse battery staple 42",
    "MIIEowIBAAKCAQEAx7Zq9Qp3mLkVb2wT8uJ5",
    "nYcR4sE1fG6hK9aB3cD7eF0gH2",
    "sk_live_51HxQ2eLkT9vWm3Nb8Pq4Rs7",
    "tangerine lantern 9 orbit",
    "velvet comet 77 harbor",
    "Zq8vLm2Kp9Xr4Tn7Wb1Yc6",
    "Hq7Lm3Np9Rs2Tv5Wx8Yz",
    "Fj4Kd8Ls2Qp6Wz9M",
    "Pk4Jn8Hm2Lb6Gv9Fc3Dx",
    "Xr7Pq2Lm9Kd4",
    "Wm3Nb8Vc5Zx1",
    "Vb6Nm1Qw8Er3Ty5",
    "ghp_R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXyZ",
    "Tf9Hc2Lk7Mq4Vn1B",
    "AIzaSyD4x9Kq2Lm7Np3Rs8Tv1Wx6Yz0AbCdEfGhI",
];

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for value in PLANTED {
        assert!(!text.contains(value), "{what} holds the planted value {value:?}");
        // A value cut by a snippet limit must not show its first characters either.
        assert!(!text.contains(&value[..value.len().min(10)]), "{what} holds the start of {value:?}");
    }
}

fn run(mut c: Command, args: &[&str]) -> Vec<u8> {
    let out = c.args(args).output().expect("run shipshape");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    [out.stdout, out.stderr].concat()
}

fn with_store(store: &Path) -> Command {
    let mut c = command();
    c.env_remove("SHIPSHAPE_NO_HISTORY").env("SHIPSHAPE_STORE", store);
    c
}

#[test]
fn no_planted_value_reaches_any_output_or_the_store() {
    let files: Vec<(String, String)> = FILES.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect();
    let dir = materialize(&files);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    commit(dir.path(), "planted", 0);
    let path = dir.path().to_str().expect("utf-8");
    let store_dir = tempfile::tempdir().expect("tempdir");
    let store = store_dir.path().join("history.sqlite3");

    let json = run(command(), &["audit", path, "-f", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json).expect("json");
    let found = report["facts"]["secrets.hardcoded"]["value"].as_array().map_or(0, Vec::len);
    assert!(found >= 10, "the scanner sees the planted secrets: {}", report["facts"]["secrets.hardcoded"]);
    assert!(
        report["facts"]["secrets.hardcoded"]["value"]
            .as_array()
            .is_some_and(|v| v.iter().any(|f| f["path"] == ".github/workflows/broken.yml")),
        "a file that does not parse is still scanned"
    );

    for format in ["terminal", "json", "markdown", "html", "sarif"] {
        assert_clean(&format!("audit -f {format}"), &run(with_store(&store), &["audit", path, "-f", format]));
        assert_clean(&format!("audit --rev HEAD -f {format}"), &run(command(), &["audit", path, "--rev", "HEAD", "-f", format]));
    }
    for format in ["terminal", "json", "markdown", "html"] {
        assert_clean(&format!("diff -f {format}"), &run(with_store(&store), &["diff", "-C", path, "-f", format]));
        assert_clean(&format!("history -f {format}"), &run(command(), &["history", path, "--commits", "1", "-f", format]));
    }
    assert_clean("diff HEAD", &run(command(), &["diff", "HEAD", "-C", path, "-f", "json"]));
    for id in ["CFG005", "CFG007"] {
        assert_clean("explain", &run(command(), &["explain", id]));
    }
    assert_clean("init", &run(command(), &["init", path]));
    assert_clean("shipshape.toml", &std::fs::read(dir.path().join("shipshape.toml")).expect("init wrote it"));
    for name in ["history.sqlite3", "history.sqlite3-wal"] {
        if let Ok(bytes) = std::fs::read(store_dir.path().join(name)) {
            assert_clean(name, &bytes);
        }
    }
    assert!(std::fs::metadata(&store).is_ok_and(|m| m.len() > 0), "the runs were recorded");
}

/// Files that hold credentials by convention (#19), each with one planted value, and decoys
/// in the same kinds of file that must stay silent.
const CREDENTIAL_FILES: &[(&str, &str, Option<&str>)] = &[
    (
        ".npmrc",
        "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=npm_Qw8Er3Ty5Ui1Op7As4Df2Gh6Jk9Lz0Xc5Vb\n",
        Some("npm_Qw8Er3Ty5Ui1Op7As4Df2Gh6Jk9Lz0Xc5Vb"),
    ),
    ("packages/web/.npmrc", "//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}\n", None),
    (
        ".pypirc",
        "[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCJGQ4ZjE3Yzk2LTg1\n",
        Some("pypi-AgEIcHlwaS5vcmcCJGQ4ZjE3Yzk2LTg1"),
    ),
    (
        "deploy/keys/id_ed25519",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n",
        Some("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"),
    ),
    ("certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJ3Rk9pQ2zLm8\n-----END CERTIFICATE-----\n", None),
    (
        "infra/gcp/terraform-sa.json",
        "{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"tf@proj.iam.gserviceaccount.com\"\n}\n",
        Some("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw"),
    ),
    (
        ".netrc",
        "machine api.heroku.com\n  login ops@example.com\n  password 7c1e9a4b-2f3d-4e8a-9b6c-0d5f1a2e3b4c\n",
        Some("7c1e9a4b-2f3d-4e8a-9b6c-0d5f1a2e3b4c"),
    ),
    (".git-credentials", "https://deploy:Rt5Yu8Io2Pl6Kj9Hg3Fd@git.acme-corp.io\n", Some("Rt5Yu8Io2Pl6Kj9Hg3Fd")),
    (
        ".docker/config.json",
        "{\n  \"auths\": {\n    \"registry.example.com\": {\n      \"auth\": \"ZGVwbG95OlNwN0RrM0xtOVF6MlZ4NQ==\"\n    }\n  }\n}\n",
        Some("ZGVwbG95OlNwN0RrM0xtOVF6MlZ4NQ=="),
    ),
    (
        "ops/kubeconfig-prod.yaml",
        "apiVersion: v1\nkind: Config\nusers:\n  - name: ci\n    user:\n      token: kT9mQ2xL7vB4nR8wZ3pF6sH1\n",
        Some("kT9mQ2xL7vB4nR8wZ3pF6sH1"),
    ),
    ("ops/kubeconfig-dev.yaml", "apiVersion: v1\nkind: Config\nusers:\n  - name: dev\n    user:\n      token: <your-token-here>\n", None),
    (
        "src/config.ts",
        "export const stripe = { publishable: \"pk_test_1\", apiKey: \"Yh6Tg2Rf8Ed4Ws1Qa9Zx\" };\n",
        Some("Yh6Tg2Rf8Ed4Ws1Qa9Zx"),
    ),
];

#[test]
fn credential_files_are_read_and_never_printed() {
    let files: Vec<(String, String)> = CREDENTIAL_FILES.iter().map(|(p, c, _)| (p.to_string(), c.to_string())).collect();
    let dir = materialize(&files);
    let path = dir.path().to_str().expect("utf-8");
    let report: serde_json::Value = serde_json::from_slice(&run(command(), &["audit", path, "-f", "json"])).expect("json");
    let flagged: Vec<&str> = report["facts"]["secrets.hardcoded"]["value"]
        .as_array()
        .map(|v| v.iter().filter_map(|f| f["path"].as_str()).collect())
        .unwrap_or_default();
    for (file, _, planted) in CREDENTIAL_FILES {
        assert_eq!(flagged.contains(file), planted.is_some(), "{file}: flagged {flagged:?}");
    }
    for format in ["terminal", "json", "markdown", "html", "sarif"] {
        let out = String::from_utf8_lossy(&run(command(), &["audit", path, "-f", format])).into_owned();
        for value in CREDENTIAL_FILES.iter().filter_map(|(_, _, v)| *v) {
            assert!(!out.contains(&value[..12]), "audit -f {format} shows the start of {value:?}");
        }
    }
}
