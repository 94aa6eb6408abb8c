"""What a blind read is given: every question the bank asks for some shows,
which-episode questions with the choices a game whose gate reaches the
show's last episode draws (the first draw, over seeds 1, 2, ..., that asks
each one). Used by read-sheet.py and paired-sheet.py."""
import re
import subprocess


def blocks(text):
    return [
        b
        for b in text.strip().split("\n\n")
        if re.match(r"^S\d\dE\d\d \[", b.split("\n")[0])
    ]


def questions(binary, env, *args):
    out = subprocess.run(
        [binary, "questions", *args], capture_output=True, text=True, check=True, env=env
    )
    return blocks(out.stdout)


def asked(binary, env, shows):
    """{(slug, first line): block} for every question asked of `shows`
    (pairs of slug and the last episode's code)."""
    sheet = {}
    for slug, last in shows:
        bank = questions(binary, env, "--show", slug)
        which = {b.split("\n")[0] for b in bank if "WhichEpisode" in b.split("\n")[0]}
        for b in bank:
            if "WhichEpisode" not in b.split("\n")[0]:
                sheet[(slug, b.split("\n")[0])] = b
        drawn = {}
        for seed in range(1, 300):
            if len(drawn) == len(which):
                break
            for b in questions(
                binary, env, "--show", slug, "--up-to", last, "--sample", "1000", "--seed", str(seed)
            ):
                head = b.split("\n")[0]
                if head in which and head not in drawn:
                    drawn[head] = b
        for head, b in drawn.items():
            sheet[(slug, head)] = b
    return sheet


def shown(block):
    # What a reader sees: all but the fact's id and the score, which the
    # reader is not to know.
    head, rest = block.split("\n", 1)
    return re.sub(r" \((fact |seeds/|[^ )]*\.toml)[^()]*(\([^()]*\))?[^()]*\)$", "", head) + "\n" + rest


def score(block):
    found = re.search(r"; score ([^)]*)\)$", block.split("\n", 1)[0])
    return found.group(1) if found else ""
