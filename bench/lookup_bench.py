"""Benchmark NameIndex: build time, memory and query latency over 10^3..10^6 synthetic aliases of varied cultures."""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from briefings.fuzzy import NameIndex
from briefings.name_forms import name_key
from briefings.snapshot import pack, unpack


def words(text: str) -> list[str]:
    """A list of names written as one space-separated string, for compact tables."""
    return text.split()


KOREAN_FAMILY = words(
    "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Jeon Ko Moon Yang Son Bae Baek Heo Nam Ri Pak Jo Choe Rim"
)
KOREAN_SYLLABLES = words(
    "jong un il sung min ho yung jin soo hee young chul hyun woo jae seok tae kyung nam gun chol pyong yong chun myung sang dong hwan ji eun"
)
CHINESE_FAMILY = words(
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Xi Deng Feng Han Cao"
)
CHINESE_SYLLABLES = words("wei fang xiao jun ming hua jian ping guo qiang lei yan jie tao hong xin yu ling bo chao qing hai")
# Japanese names are built from common morphemes (Yama+moto, Hiro+shi) so the pool is as large as real news needs.
JAPANESE_FAMILY_PARTS = (
    words("Yama Naka Ta Ki Matsu Hay Ino Ishi Fuji Taka Haya Saka Mori Kawa Ono Hashi Oka Kuro Shira Ao"),
    words("moto mura da naka shita kawa zaki uchi yama hara no ta saki gawa bayashi"),
)
JAPANESE_GIVEN_PARTS = (
    words("Hiro Ken Taka Yoshi Kazu Masa Nobu Shin Toshi Yasu Aki Haru Nao Yu Dai"),
    words("shi ji to ya ki o suke hide ro ko mi na"),
)
JAPANESE_GIVEN = words(
    "Hiroshi Takeshi Yuki Haruto Sota Yuto Kenji Akira Fumio Shinzo Yoshihide Taro Naoko Yoko Keiko Sakura Hina Aoi Mei Yui Daisuke Kazuo Makoto Ichiro Junichiro"
)
JAPANESE_FAMILY = words(
    "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Kishida Abe Suga Kono Hamada"
)
RUSSIAN_GIVEN = words(
    "Vladimir Sergei Dmitry Alexei Mikhail Ivan Nikolai Andrei Yuri Oleg Igor Anatoly Pavel Boris Viktor Olga Maria Natalia Elena Tatiana Irina Svetlana Anna Yekaterina"
)
RUSSIAN_FAMILY = words(
    "Putin Lavrov Peskov Shoigu Medvedev Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Petrov Volkov Solovyov Vasiliev Zaitsev Pavlov Semyonov Golubev Vinogradov Bogdanov"
)
ARABIC_GIVEN = words(
    "Mohammed Ahmed Ali Omar Khalid Hassan Hussein Abdullah Youssef Ibrahim Mahmoud Mustafa Tariq Faisal Karim Nasser Fatima Aisha Mariam Layla Noor Salma Huda Rania"
)
ARABIC_FAMILY = words(
    "al-Assad al-Sisi bin-Salman al-Thani Haddad Khoury Nasrallah Mansour Saleh Hamdan Qureshi Abbas Aziz Rahman Farouk Zayed Jaber Hakim Karam Darwish Barakat Suleiman"
)
HISPANIC_GIVEN = words(
    "José Juan Luis Carlos Jorge Miguel Pedro Alejandro Fernando Diego Andrés Manuel María Carmen Ana Lucía Sofía Isabel Gabriela Valentina Camila Juan-Carlos José-Luis María-José"
)
HISPANIC_FAMILY = words(
    "García Rodríguez Martínez López González Hernández Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz Cruz Morales Ortiz Gutiérrez Chávez Ramos Ruiz Álvarez Mendoza Castillo"
)
ENGLISH_GIVEN = words(
    "John James Robert Michael William David Richard Joseph Thomas Charles Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Antony Kamala Hillary Kevin"
)
ENGLISH_FAMILY = words(
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson Martin Thompson White Harris Clark Lewis Walker Kirby Blinken Sullivan Campbell Mitchell"
)
INDIAN_GIVEN = words(
    "Narendra Rahul Amit Sanjay Rajesh Suresh Vijay Anil Sunil Arvind Subrahmanyam Priya Anjali Sunita Deepika Lakshmi Kavita Pooja Nirmala Smriti Jaishankar Ravi Arjun Vikram"
)
INDIAN_FAMILY = words(
    "Modi Gandhi Sharma Verma Gupta Singh Kumar Patel Reddy Rao Iyer Nair Menon Chatterjee Banerjee Mukherjee Das Bose Jaishankar Sitharaman Kapoor Malhotra Joshi Desai"
)
AFRICAN_GIVEN = words(
    "Cyril Jacob Thabo Nelson Kwame Kofi Chinedu Oluwaseun Emeka Abiy Uhuru William Yoweri Paul Ngozi Amina Chiamaka Wanjiru Ama Adaeze Folake Thandiwe Zanele Nomvula"
)
AFRICAN_FAMILY = words(
    "Ramaphosa Zuma Mbeki Mandela Nkrumah Annan Okonkwo Adeyemi Obi Ahmed Kenyatta Ruto Museveni Kagame Okonjo-Iweala Mohammed Buhari Tinubu Achebe Mensah Boateng Nwosu Dlamini Ndlovu"
)
ABSENT_FAMILY = words("Zelensky Kuleba Scholz Macron Draghi Sunak Erdogan Netanyahu Bolsonaro Trudeau Albanese Ardern Orban Lula Milei")
ABSENT_GIVEN = words("Volodymyr Dmytro Olaf Emmanuel Mario Rishi Recep Benjamin Jair Justin Anthony Jacinda Viktor Javier")


# The most common words and degenerate inputs: the queries that touch the longest posting lists.
STRESS_QUERIES = (
    "Kim",
    "Lee",
    "Kim Kim Kim Kim Kim Kim",
    "Kim Lee Park Choi",
    "Mohammed bin Ali",
    "Kim Jong-il",
    "x" * 1000,
    "Ri Lee Yi Rhee",
)


@dataclass
class Person:
    """A synthetic person: an id, how they are written, and what the bench may ask about them."""

    key: int
    aliases: list[str]
    family: str
    order_swap: str


def korean_given(rng: random.Random) -> str:
    """A two-syllable Korean given name, hyphenated as the wires write it."""
    a, b = rng.sample(KOREAN_SYLLABLES, 2)
    return f"{a.capitalize()}-{b}"


def chinese_given(rng: random.Random) -> str:
    """A Chinese given name of one or two syllables, written as one word."""
    return "".join(s.capitalize() if i == 0 else s for i, s in enumerate(rng.sample(CHINESE_SYLLABLES, rng.choice((1, 2, 2)))))


def japanese_given(rng: random.Random) -> str:
    """A Japanese given name, usually built from a root and an ending."""
    return rng.choice(JAPANESE_GIVEN) if rng.random() < 0.2 else "".join(rng.choice(part) for part in JAPANESE_GIVEN_PARTS)


def make_person(key: int, rng: random.Random) -> Person:
    """One person with several surface forms of their name, in the orders and styles the news uses."""
    culture = rng.randrange(9)
    title = rng.choice(("Mr.", "Ms.", "Dr.", "President", "Minister", "Secretary", "Gen."))
    if culture in (0, 1, 2):
        family = rng.choice((KOREAN_FAMILY, CHINESE_FAMILY, JAPANESE_FAMILY)[culture])
        if culture == 2 and rng.random() < 0.8:
            family = "".join(rng.choice(part) for part in JAPANESE_FAMILY_PARTS)
        given = (korean_given(rng), chinese_given(rng), japanese_given(rng))[culture]
        native, western = f"{family} {given}", f"{given} {family}"
        # Surface variants (no hyphen, a title, capitals) share a key with the native form: the index stores them once.
        return Person(key, [native, western, family, native.replace("-", " "), f"{title} {family}", native.upper()], family, western)
    given_list, family_list = {
        3: (RUSSIAN_GIVEN, RUSSIAN_FAMILY),
        4: (ARABIC_GIVEN, ARABIC_FAMILY),
        5: (HISPANIC_GIVEN, HISPANIC_FAMILY),
        6: (ENGLISH_GIVEN, ENGLISH_FAMILY),
        7: (INDIAN_GIVEN, INDIAN_FAMILY),
        8: (AFRICAN_GIVEN, AFRICAN_FAMILY),
    }[culture]
    given, family = rng.choice(given_list), rng.choice(family_list)
    if culture == 5:
        family = f"{family} {rng.choice(family_list)}"
    middle = {3: f" {rng.choice(RUSSIAN_GIVEN)}ovich", 4: f" bin {rng.choice(ARABIC_GIVEN)}"}.get(culture, f" {rng.choice(given_list)}")
    last = family.split()[-1] if culture != 5 else family.split()[0]
    full = f"{given}{middle} {family}"
    aliases = [full, f"{given} {family}", last, f"{given[0]}. {family}", f"{title} {last}", full.upper()]
    return Person(key, aliases, last, f"{family} {given}")


def make_people(n_aliases: int, seed: int) -> list[Person]:
    """Enough people for about n_aliases distinct aliases (surface variants of one name count once)."""
    rng = random.Random(seed)
    people: list[Person] = []
    total = 0
    while total < n_aliases:
        person = make_person(len(people) + 1, rng)
        people.append(person)
        total += len({name_key(a) for a in person.aliases})
    return people


def typo(word: str, rng: random.Random) -> str:
    """One edit (substitution, deletion, insertion or swap) inside the longest token, avoiding its first letter."""
    tokens = word.split()
    i = max(range(len(tokens)), key=lambda j: len(tokens[j]))
    t = tokens[i]
    if len(t) < 5:
        return word
    p = rng.randrange(1, len(t) - 1)
    kind = rng.randrange(4)
    letter = rng.choice("aeioulnrst")
    t = (t[:p] + letter + t[p + 1 :], t[:p] + t[p + 1 :], t[:p] + letter + t[p:], t[:p] + t[p + 1] + t[p] + t[p + 2 :])[kind]
    tokens[i] = t
    return " ".join(tokens)


def make_queries(people: list[Person], n: int, seed: int) -> list[tuple[str, str]]:
    """A mix of (kind, query): exact, case/hyphen changes, swapped order, titles, typos, surname-only, absent names."""
    rng = random.Random(seed)
    makers: dict[str, Callable[[Person], str]] = {
        "exact": lambda p: p.aliases[0],
        "case_hyphen": lambda p: rng.choice(
            (p.aliases[0].lower(), p.aliases[0].upper(), p.aliases[0].replace("-", " "), p.aliases[0].replace(" ", "-"))
        ),
        "swapped": lambda p: p.order_swap,
        "title": lambda p: f"{rng.choice(('Mr.', 'Sen.', 'Ambassador', 'Prime Minister'))} {p.aliases[0]}",
        "typo": lambda p: typo(p.aliases[0], rng),
        "surname": lambda p: p.family,
        "absent_full": lambda p: f"{rng.choice(ABSENT_GIVEN)} {rng.choice(ABSENT_FAMILY)}",
        "absent_mixed": lambda p: f"{p.aliases[0].split()[0]} {rng.choice(ABSENT_FAMILY)}",
    }
    kinds = list(makers)
    return [(kind, makers[kind](rng.choice(people))) for kind in (kinds[i % len(kinds)] for i in range(n))]


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def through_snapshot(index: NameIndex) -> tuple[NameIndex, str]:
    """The index as the bot gets it at start: packed as the index run stores it, loaded from those bytes."""
    blob = pack({f"names.{k}": v for k, v in index.state().items()})
    t0 = time.perf_counter()
    loaded = NameIndex.from_state({k.removeprefix("names."): v for k, v in unpack(blob).items()})
    return loaded, f"  from a snapshot: {len(blob) / 2**20:.1f} MB, loaded in {(time.perf_counter() - t0) * 1000:.0f} ms"


def run(size: int, n_queries: int, seed: int, trace: bool, snapshot: bool = False) -> None:
    """Build one index of about size aliases, query it, print one block of figures."""
    people = make_people(size, seed)
    entries = [(p.key, a, float(int(random.Random(p.key).paretovariate(1.2)))) for p in people for a in p.aliases]
    queries = make_queries(people, n_queries, seed + 1)
    gc.collect()
    rss_before = rss_mb()
    t0 = time.perf_counter()
    index = NameIndex(entries)
    build_s = time.perf_counter() - t0
    gc.collect()
    rss_delta = rss_mb() - rss_before
    traced = ""
    if trace:
        del index
        gc.collect()
        tracemalloc.start()
        index = NameIndex(entries)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        traced = f"  tracemalloc: held {current / 2**20:.1f} MB, build peak {peak / 2**20:.1f} MB"
    if snapshot:  # the queries below then run on the loaded index
        index, loaded = through_snapshot(index)
        traced += loaded

    for _, query in queries[:20]:
        index.search(query)  # warm-up: first calls pay for lazy imports and CPU caches, not for the index
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {}
    statuses: dict[str, Counter[str]] = {}
    for kind, query in queries:
        t = time.perf_counter()
        result = index.search(query)
        ms = (time.perf_counter() - t) * 1000
        latencies.append(ms)
        by_kind.setdefault(kind, []).append(ms)
        statuses.setdefault(kind, Counter())[result.status] += 1

    def pct(values: list[float], q: float) -> float:
        return statistics.quantiles(values, n=1000)[int(q * 10) - 1] if len(values) > 1 else values[0]

    print(f"\n== {len(index):,} aliases, {len(people):,} people, {len({name_key(a) for _, a, _ in entries}):,} distinct names")
    print(f"  build {build_s:.2f} s  ({len(index) / build_s / 1000:.0f}k aliases/s), RSS +{rss_delta:.1f} MB{traced}")
    print(f"  {len(queries)} queries: p50 {pct(latencies, 50):.3f} ms  p99 {pct(latencies, 99):.3f} ms  max {max(latencies):.3f} ms")
    for kind, values in by_kind.items():
        mix = ", ".join(f"{s} {c}" for s, c in sorted(statuses[kind].items()))
        print(f"    {kind:<13} p50 {pct(values, 50):6.3f}  p99 {pct(values, 99):6.3f} ms   {mix}")
    worst = []
    for query in STRESS_QUERIES:
        t = time.perf_counter()
        result = index.search(query)
        worst.append(f"{query[:24]!r} {(time.perf_counter() - t) * 1000:.2f} ms {result.status}")
    print("    stress: " + "; ".join(worst))


def main() -> None:
    """Parse the sizes and run each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10**3, 10**4, 10**5, 10**6])
    parser.add_argument("--queries", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-trace", action="store_true", help="skip the second, tracemalloc-measured build")
    parser.add_argument("--snapshot", action="store_true", help="query the index after a round trip through a stored snapshot")
    args = parser.parse_args()
    for size in args.sizes:
        run(size, args.queries, args.seed, trace=not args.no_trace, snapshot=args.snapshot)


if __name__ == "__main__":
    main()
