#!/usr/bin/env python3
"""Generates src/catalog/table.rs from data/catalog.json.

data/catalog.json is the catalog's only source: `facts` (the reference catalog facts:
names, types, presence, limits, deprecations, enums, SID prefixes, sources), `edits` (this
project's decisions on top of them: kind renames, detector ids, one-of groups, enum ids,
tolerated values, integer limits, aliases, which seed documents which kinds) and `text`
(every label, title, summary and description, in our own words). Parameters named in the
seed documents (tests/data/seeds) are cross-checked, and the seed file is added to a row's
`source` when the facts forgot it.

Usage (from the repository root):
    python3 tools/gen_catalog.py --out src/catalog/table.rs   # writes and runs rustfmt
    python3 tools/gen_catalog.py > table.rs                   # unformatted, to stdout

table.rs is never edited by hand: tests/it/catalog.rs regenerates it into a temporary
directory and fails when the committed file differs. The crate never runs this script.
"""

import collections
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "catalog.json")
SEED_DIR = os.path.join(ROOT, "tests", "data", "seeds")

with open(DATA, encoding="utf-8") as _f:
    _SOURCE = json.load(_f)
_E = _SOURCE["edits"]
RENAME = _E["rename"]
REPORTED_AS = _E["reported_as"]
ONE_OF = _E["one_of"]
ONE_OF_COMBINABLE = _E.get("one_of_combinable", {})
# Which catalog kinds each seed documents (used to attach the seed to rows' sources).
SEED_KINDS = _E["seed_kinds"]
# Inline enums of the facts that have no enum_ref, or whose inline values are a narrower
# set than the referenced enum: "kind/Name" -> enum id.
INLINE_ENUM = _E["inline_enum"]
EXTRA_ENUMS = _E["extra_enums"]
# Values moved out of `values` into `tolerated`, or added to `tolerated`: [value, reason].
TOLERATED = _E["tolerated"]
# Values added to an enum's canonical list.
ADD_VALUES = _E["add_values"]
# Integer constraints: key "Name@kind", "Name@2008|2010" or "Name" -> {min, max, soft, unit}.
INTEGER = _E["integer"]
TEXT_MAX = _E["text_max"]
SEND_DIGITS = _E["send_digits"]
ALIAS_2010 = _E["alias_2010"]
ALIAS_KIND = _E["alias_kind"]
# Keys of PARAM_TEXT are looked up in this order for a parameter `Name` of kind `k` and API
# version `v` (2008 or 2010): "Name@k", "Name@v", "Name".
KIND_TEXT = _SOURCE["text"]["kinds"]
PARAM_TEXT = _SOURCE["text"]["params"]
ENUM_TEXT = _SOURCE["text"]["enums"]

DIRECTION = {"twilio-to-app": "TwilioToApp", "app-to-twilio": "AppToTwilio",
             "response": "Response"}
PRESENCE = {"always": "Always", "conditional": "Conditional", "optional": "Optional"}
STATUS = {"documented": "Documented", "observed": "Observed", "example-only": "ExampleOnly",
          "seed-only": "SeedOnly"}
STATUS_RANK = ["documented", "seed-only", "example-only", "observed"]


def die(msg):
    sys.stderr.write("gen_catalog: " + msg + "\n")
    sys.exit(1)


def short_source(s):
    s = s.strip()
    if s.startswith("seed:"):
        return s.split(" ")[0]
    if s.startswith("twilio/twilio-oai"):
        return "twilio-oai api_v2010 @ d50069b"
    if s.startswith("observed"):
        return "observed payloads"
    if s.startswith("help.twilio.com"):
        return "help.twilio.com: opt-out keywords"
    m = re.match(r"twilio\.com/docs/api/2008-08-01/(\S+(?: request)?)", s)
    if m:
        return "docs 2008: " + m.group(1)
    m = re.match(r"twilio\.com/docs/(\S+)", s)
    if m:
        return "docs: " + m.group(1)
    die("unknown source " + s)


def sources_of(p):
    s = p["source"]
    return [short_source(x) for x in (s if isinstance(s, list) else [s])]


def join_sources(lst):
    seen = []
    for x in sorted(lst, key=lambda x: (not x.startswith("seed:"), 0)):
        if x not in seen:
            seen.append(x)
    seeds = sorted(x for x in seen if x.startswith("seed:"))
    rest = [x for x in seen if not x.startswith("seed:")]
    return "; ".join(seeds + rest)


def rs(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def opt(v, f=str):
    return "None" if v is None else "Some(%s)" % f(v)


def lookup(table, name, kind, ver, what):
    for key in (name + "@" + kind, name + "@" + ver, name):
        if key in table:
            USED.add((id(table), key))
            return table[key]
    if what is None:
        return None
    die("no %s for %s in %s (%s)" % (what, name, kind, ver))


USED = set()


def value_type(kind, ver, p):
    t = p["type"]
    name = p["name"]
    if t in ("integer", "integer-string"):
        lim = lookup(INTEGER, name, kind, ver, "integer limits")
        lo, hi, soft, unit = lim["min"], lim["max"], lim["soft"], lim["unit"]
        return "ValueType::Integer { min: %s, max: %s, soft: %s, unit: %s }" % (
            opt(lo), opt(hi), "true" if soft else "false", opt(unit, rs))
    if t.startswith("sid"):
        pre = t.split(":", 1)[1].split("|") if ":" in t else []
        return "ValueType::Sid { prefixes: &[%s] }" % ", ".join(rs(x) for x in pre)
    phone = {"e164": "E164", "e164-or-client": "E164OrClient", "e164-or-channel": "E164OrChannel",
             "e164-or-sip": "E164OrSip", "e164-legacy-10digit": "Legacy10Digit",
             "phone-any-format": "AnyFormat"}
    if t in phone:
        return "ValueType::Phone { style: PhoneStyle::%s }" % phone[t]
    if t in ("enum", "integer-enum", "repeated-enum", "space-separated-enum-list"):
        eid = INLINE_ENUM.get(kind + "/" + name) or p.get("enum_ref")
        if not eid:
            die("no enum id for %s/%s" % (kind, name))
        variant = {"repeated-enum": "RepeatedEnum",
                   "space-separated-enum-list": "SpaceSeparatedEnum"}.get(t, "Enum")
        return "ValueType::%s { id: %s }" % (variant, rs(eid))
    if t == "dtmf-string":
        if name == "SendDigits":
            alpha, mx = SEND_DIGITS[ver]["alphabet"], SEND_DIGITS[ver]["max_len"]
        else:
            alpha, mx = "0123456789#*", None
        return "ValueType::Digits { alphabet: %s, max_len: %s }" % (rs(alpha), opt(mx))
    if t in ("string", "repeated-string"):
        mx = lookup(TEXT_MAX, name, kind, ver, None)
        return "ValueType::Text { max_len: %s }" % opt(mx)
    if t == "twiml":
        return "ValueType::Twiml { max_len: Some(4000) }"
    simple = {"url": "Url", "repeated-url": "Url", "rfc2822-date": "Rfc2822Date",
              "date-yyyy-mm-dd": "DateYmd", "iso8601-datetime": "Iso8601",
              "yymmddhhmm": "Yymmddhhmm", "decimal": "Decimal", "decimal-string": "Decimal",
              "bool": "Bool", "bool-string": "Bool", "mime-type": "MimeType",
              "json-string": "JsonText", "jwt": "Jwt", "token": "Token", "currency": "Currency",
              "integer-bitmask": "Bitmask", "object": "Object"}
    if t in simple:
        return "ValueType::" + simple[t]
    die("unknown type %s for %s" % (t, name))


def deprecation(p):
    d = p["deprecated"]
    if not d:
        return None
    since = d["since"]
    m = re.match(r"(\d{4}-\d{2}-\d{2})", since)
    since = m.group(1) if m else "undated"
    use = d["use_instead"]
    if use == "(none)":
        use = "nothing: the parameter no longer has any effect"
    return (since, use)


# ---------------------------------------------------------------- seed names (mirrors the test)
IDENT = re.compile(r"^[A-Z][A-Za-z0-9_]*(\{[A-Za-z]+\})?[<>]?$")
HEADER_WORDS = {"Parameter", "Description", "Property", "Param", "Status", "Event", "Optional"}


def seed_names(text):
    """Every parameter name a seed defines (see tests/it/catalog.rs for the same rules)."""
    names = []
    lines = text.split("\n")
    # 1. markdown table rows: first cell.
    for line in lines:
        if line.startswith("|"):
            cell = line.strip("|").split("|")[0].strip()
            if IDENT.match(cell) and cell not in HEADER_WORDS:
                names.append(cell)
    # 2. "Parameter" / "Description" blocks with one name per line (seed 003), until an
    #    "(information)" or "(warning)" line.
    inside = False
    for i, line in enumerate(lines):
        s = line.strip()
        if s == "Parameter" and i + 1 < len(lines) and lines[i + 1].strip() == "Description":
            inside = True
            continue
        if s in ("(information)", "(warning)"):
            inside = False
        if inside and IDENT.match(s) and s not in HEADER_WORDS:
            names.append(s)
    # 3. "Parameter Description" header then "Name text…" rows up to a blank line (seed 004).
    inside = False
    for line in lines:
        s = line.strip()
        if s == "Parameter Description":
            inside = True
            continue
        if not s:
            inside = False
        if inside:
            first = s.split()[0]
            if IDENT.match(first):
                names.append(first)
    # 4. XML elements inside <Call>…</Call>.
    for block in re.findall(r"<Call>(.*?)</Call>", text, re.S):
        names += re.findall(r"<([A-Za-z]+)\s*/?>", block)
    # 5. top-level keys of JSON objects on their own line.
    for line in lines:
        s = line.strip()
        if s.startswith("{") and s.endswith("}"):
            names += list(json.loads(s).keys())
    # 6. Name=value pairs of example query strings / bodies (two or more pairs joined by &).
    for m in re.finditer(r"[A-Za-z][A-Za-z0-9]*=[^&\s]*(?:&[A-Za-z][A-Za-z0-9]*=[^&\s]*)+", text):
        names += [pair.split("=")[0] for pair in m.group(0).split("&")]
    # 7. OpenAPI-style headings such as "Twimlstring<twiml>required…".
    for line in lines:
        m = re.match(r"^([A-Z][A-Za-z0-9]*?)(?:string|SID|integer|boolean|enum)<[^>]*>", line)
        if m:
            names.append(m.group(1))
    # 8. inequality list-filter keys written as "StartTime<=…".
    names += re.findall(r"\b([A-Z][A-Za-z]*[<>])=", text)
    # 9. CamelCase names next to the word "parameter" in prose ("a parameter DialStatus",
    #    "the 'DialCallStatus' parameter").
    camel = r"[A-Z][a-z]+(?:[A-Z][a-z]*)+"
    names += re.findall(r"['\"]?(" + camel + r")['\"]? [Pp]arameters?\b", text)
    names += re.findall(r"\b[Pp]arameters? ['\"]?(" + camel + r")", text)
    out = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def main():
    facts = _SOURCE["facts"]
    kinds = facts["kinds"]
    for k in kinds:
        k["id"] = RENAME.get(k["id"], k["id"])
        k["inherits"] = RENAME.get(k.get("inherits"), k.get("inherits"))
        k["_ver"] = k["api_version"][:4]
        for p in k["params"]:
            p["_src"] = sources_of(p)
    kind_by_id = {k["id"]: k for k in kinds}

    # seeds: every defined name must exist in the seed's kinds; attach the seed as a source.
    for fn in sorted(os.listdir(SEED_DIR)):
        prefix = fn[:3]
        seed_src = "seed:" + fn
        with open(os.path.join(SEED_DIR, fn), encoding="utf-8") as f:
            text = f.read()
        for n in seed_names(text):
            hits = [(k, p) for kid in SEED_KINDS[prefix] for k in [kind_by_id[kid]]
                    for p in k["params"] if p["name"] == n]
            if not hits:
                die("seed %s defines %s, which is in none of %s" % (fn, n, SEED_KINDS[prefix]))
            if not any(seed_src in p["_src"] for _, p in hits):
                first = hits[0][0]["id"]
                for k, p in hits:
                    if k["id"] == first:
                        p["_src"].append(seed_src)
                        sys.stderr.write("added %s to %s/%s\n" % (seed_src, k["id"], n))

    # rows
    rows = collections.OrderedDict()
    for k in kinds:
        ver = k["_ver"]
        names_here = set()
        for p in k["params"]:
            name = p["name"]
            if name in names_here:
                die("duplicate %s in %s" % (name, k["id"]))
            names_here.add(name)
            text = lookup(PARAM_TEXT, name, k["id"], ver, "text")
            label, desc = text["label"], text["description"]
            vt = value_type(k["id"], ver, p)
            dep = deprecation(p)
            alias = ALIAS_KIND.get(k["id"] + "/" + name)
            if alias is None and ver == "2010" and name in ALIAS_2010:
                alias = ALIAS_2010[name]
            indexed = bool(p["indexed"])
            key = (name, ver, vt, p["presence"], dep, p["status"], alias, indexed, label, desc)
            row = rows.setdefault(key, {"kinds": [], "src": []})
            row["kinds"].append(k["id"])
            row["src"] += p["_src"]

    # a (name, version, kind) must be in one row only
    seen = {}
    for key, row in rows.items():
        for kid in row["kinds"]:
            t = (key[0], key[1], kid)
            if t in seen:
                die("(name, version, kind) %s in two rows" % (t,))
            seen[t] = key

    unused = [k for k in PARAM_TEXT if (id(PARAM_TEXT), k) not in USED]
    if unused:
        sys.stderr.write("unused text keys: %s\n" % unused)
    unused = [k for k in INTEGER if (id(INTEGER), k) not in USED]
    if unused:
        sys.stderr.write("unused integer keys: %s\n" % unused)

    # enums
    enums = collections.OrderedDict()
    for eid, e in facts["enums"].items():
        vals = list(e["values"])
        tol = TOLERATED.get(eid, [])
        vals = [v for v in vals if v not in [t for t, _ in tol]]
        vals += ADD_VALUES.get(eid, [])
        enums[eid] = (vals, tol)
    for eid, vals in EXTRA_ENUMS.items():
        enums[eid] = (vals, TOLERATED.get(eid, []))
    missing = [e for e in enums if e not in ENUM_TEXT]
    if missing:
        die("no enum text for %s" % missing)
    for key in rows:
        m = re.search(r'id: "([^"]+)"', key[2])
        if m and m.group(1) not in enums:
            die("enum %s not defined" % m.group(1))

    out = []
    w = out.append
    w("//! The catalog data: every webhook kind, parameter row, enum and SID prefix.")
    w("//!")
    w("//! GENERATED by `tools/gen_catalog.py` from `data/catalog.json` (the reference facts, this")
    w("//! project's edits and its own-words texts). Do not edit: change `data/catalog.json` and run")
    w("//! `python3 tools/gen_catalog.py --out src/catalog/table.rs`. The test")
    w("//! `catalog::table_rs_is_generated` fails when this file differs from a fresh generation.")
    w("use super::*;")
    w("")
    w("/// Every kind, main kinds first in facts order; `reported_as` is the detector's id.")
    w("pub static KINDS: &[KindSpec] = &[")
    for k in kinds:
        title, summary = KIND_TEXT[k["id"]]["title"], KIND_TEXT[k["id"]]["summary"]
        src = k["source"] if isinstance(k["source"], list) else [k["source"]]
        oneof = ONE_OF.get(k["id"], [])
        w("    KindSpec {")
        w("        id: %s," % rs(k["id"]))
        w("        reported_as: %s," % rs(REPORTED_AS.get(k["id"], k["id"])))
        w("        title: %s," % rs(title))
        w("        summary: %s," % rs(summary))
        w("        direction: Direction::%s," % DIRECTION[k["direction"]])
        w("        api_version: ApiVersion::V%s," % k["_ver"])
        w("        inherits: %s," % opt(k.get("inherits"), rs))
        w("        one_of: &[%s]," % ", ".join(
            "&[%s]" % ", ".join(rs(x) for x in g) for g in oneof))
        w("        one_of_combinable: %s," % ("true" if k["id"] in ONE_OF_COMBINABLE else "false"))
        w("        source: %s," % rs(join_sources([short_source(x) for x in src])))
        w("    },")
    w("];")
    w("")
    reported = []
    for k in kinds:
        r = REPORTED_AS.get(k["id"], k["id"])
        if r not in reported:
            reported.append(r)
    reported.append("unknown")
    variant = lambda r: "".join(part.capitalize() for part in r.split("-"))
    w("/// The kinds the detector reports (each catalog kind's `reported_as`), and `unknown`.")
    w("/// Serialises as its kebab-case id.")
    w("#[cfg_attr(feature = \"ts\", derive(ts_rs::TS))]")
    w("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]")
    w("pub enum KindId {")
    for r in reported:
        title = KIND_TEXT[r]["title"] if r in KIND_TEXT else "Not recognised as a Twilio webhook or request."
        w("    /// %s" % title)
        w("    #[serde(rename = %s)]" % rs(r))
        w("    %s," % variant(r))
    w("}")
    w("")
    w("impl KindId {")
    w("    /// Every reported kind, then `Unknown`.")
    w("    pub const ALL: &'static [KindId] = &[%s];" % ", ".join("KindId::%s" % variant(r) for r in reported))
    w("")
    w("    /// The kebab-case id, e.g. `voice-status-callback`.")
    w("    pub fn id(self) -> &'static str {")
    w("        match self {")
    for r in reported:
        w("            KindId::%s => %s," % (variant(r), rs(r)))
    w("        }")
    w("    }")
    w("")
    w("    /// Looks a kind up by its id.")
    w("    pub fn from_id(id: &str) -> Option<KindId> {")
    w("        match id {")
    for r in reported:
        w("            %s => Some(KindId::%s)," % (rs(r), variant(r)))
    w("            _ => None,")
    w("        }")
    w("    }")
    w("}")
    w("")
    w("/// Every parameter row: one per name and variant (API version, type, presence,")
    w("/// deprecation, documentation status), listing every kind that shares it.")
    w("pub static PARAMS: &[ParamSpec] = &[")
    for key, row in rows.items():
        name, ver, vt, presence, dep, status, alias, indexed, label, desc = key
        w("    ParamSpec {")
        w("        name: %s," % rs(name))
        w("        label: %s," % rs(label))
        w("        description: %s," % rs(desc))
        w("        value_type: %s," % vt)
        w("        api_version: ApiVersion::V%s," % ver)
        w("        kinds: &[%s]," % ", ".join(rs(x) for x in row["kinds"]))
        w("        presence: Presence::%s," % PRESENCE[presence])
        if dep:
            w("        deprecated: Some(Deprecation { since: %s, use_instead: %s })," % (
                rs(dep[0]), rs(dep[1])))
        else:
            w("        deprecated: None,")
        w("        alias_of: %s," % opt(alias, rs))
        w("        indexed: %s," % ("true" if indexed else "false"))
        w("        status: DocStatus::%s," % STATUS[status])
        w("        source: %s," % rs(join_sources(row["src"])))
        w("    },")
    w("];")
    w("")
    w("/// Every value set: the facts' enums plus the small inline sets given ids here.")
    w("pub static ENUMS: &[EnumSpec] = &[")
    for eid, (vals, tol) in enums.items():
        w("    EnumSpec {")
        w("        id: %s," % rs(eid))
        w("        values: &[%s]," % ", ".join(rs(v) for v in vals))
        w("        tolerated: &[%s]," % ", ".join("(%s, %s)" % (rs(a), rs(b)) for a, b in tol))
        w("        description: %s," % rs(ENUM_TEXT[eid]))
        w("    },")
    w("];")
    w("")
    w("/// SID prefixes and the object each names (verified against the twilio-oai patterns).")
    w("pub static SID_PREFIXES: &[SidPrefix] = &[")
    for pre, obj in facts["sid_prefixes"].items():
        w("    SidPrefix { prefix: %s, object: %s }," % (rs(pre), rs(obj)))
    w("];")
    text = "\n".join(out) + "\n"
    if OUT:
        with open(OUT, "w", encoding="utf-8") as f:
            f.write(text)
        subprocess.run(["rustfmt", "--edition", "2021", OUT], check=True)
    else:
        sys.stdout.write(text)
    sys.stderr.write("kinds %d, rows %d, enums %d, prefixes %d\n" % (
        len(kinds), len(rows), len(enums), len(facts["sid_prefixes"])))


OUT = None

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--out"] and len(args) == 2:
        OUT = args[1]
    elif args:
        die("usage: gen_catalog.py [--out PATH]")
    main()
