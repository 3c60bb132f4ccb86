"""Given names whose bearers are, overwhelmingly, of one gender: evidence for `he`/`she`.

Two sources: the given names of the 1990 US Census that at least 95% of their bearers share
with one sex (Greta, Carly, Kelli ...; the Census Bureau's `dist.male.first` and
`dist.female.first`, public domain, read from the `names` package that ships them), and the hand lists below, for names in the news that list misses or reads otherwise
(Barack, Reince, Kellyanne, Sergei, Yuri). Ambiguous names (Jordan, Taylor, Kim, Jean, Robin,
Sandy) are in neither; a name missing here simply leaves the gender to the text's own evidence.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

CENSUS_PACKAGE = "names"  # PyPI `names` 0.3.0: a random-name generator shipping the census name files
# A name is one sex's when that sex's share of people bearing it is at least this many times the other's (95%).
CENSUS_RATIO = 19.0

_MALE = """
aaron abdul abdullah abraham adam adrian ahmed alan albert alberto alejandro alex alexander alexei alfred ali allen
alvin amir andre andrew andrei andres andy angelo anthony antonio antony ari arnold arthur barack barry ben benjamin
bernard bernie bill billy bob bobby boris brad bradley brandon brent brett brian bruce bryan byron carl carlos cecil
charles charlie chad chris christopher chuck clarence claude clifford clint colin corey craig curtis dale dan daniel
danny darrell dave david dean dennis derek dick dmitry don donald doug douglas duncan dwight earl ed eddie edgar
edward elijah elliot emmanuel enrique eric erik ernest eugene evan felipe fernando francis francisco frank franklin
fred frederick gary gavin george gerald gilbert glenn gordon graham greg gregory gustavo hamid harold harry hassan
hector henry herbert howard hugh hugo ian igor isaac ivan jack jacob jake james jamie jared jason javier jeff jeffrey
jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan jorge jose joseph josh joshua juan julian justin
keith ken kenneth kevin kurt kyle lamar larry lawrence leon leonard leroy lloyd louis luis luke malcolm manuel marco
marcus mario mark martin marvin matt matthew max michael miguel mike mitch mitchell mohammed muhammad nathan neil
nicholas nick nigel noah norman oliver omar oscar pablo patrick paul pedro pete peter phil philip pierre rafael ralph
ramon randy raul ray raymond reggie reginald reince ricardo richard rick rob robert roberto rod rodney roger roland
ron ronald ross roy rudy russell ryan sam samuel scott sean sergei sergey seth shawn stanley stephen steve steven
stuart ted terry thomas tim timothy todd tom tommy tony travis trevor troy victor vincent vladimir walter wayne
wesley william willie xavier yuri zach zachary
"""
_FEMALE = """
abigail ada adriana agnes aileen alice alicia alison amanda amber amy ana andrea angela angelina anita ann anna anne
annette antonia april barbara beatrice becky betsy betty beverly bonnie brenda bridget brittany camila carla carmen
carol caroline carolyn catherine cathy charlotte cheryl christina christine cindy claire clara claudia colleen connie
cynthia daisy dana daniela danielle debbie deborah debra denise diana diane donna doris dorothy edith eileen elaine
eleanor elena elisabeth elizabeth ella ellen elsa emily emma erica erin esther eva evelyn fatima fiona florence frances
gabriela gail georgia gina gloria grace gwen hannah harriet heather heidi helen hillary holly hope ingrid irene iris
isabel isabella ivanka jackie jacqueline jane janet janice jasmine jeanne jennifer jenny jessica jill joan joanna
joanne jocelyn josephine joy joyce judith judy julia julie karen karin katherine kathleen kathryn kathy katie kay
kayla kelly kellyanne kirsten kristen laura lauren leah linda lisa liz lois loretta lori louise lucy lydia lynn madeleine
maggie mandy marcia margaret maria marie marilyn marina marion marjorie martha mary maureen megan melania melanie
melissa meredith michelle mildred miriam molly monica nancy naomi natalie natasha nicole nikki nina nora olivia pam
pamela patricia paula pauline peggy penny phyllis priscilla rachel rebecca regina rita roberta rosa rose rosemary ruth
sabrina sally samantha sandra sara sarah sharon sheila shirley silvia sonia sophia sophie stacey stephanie sue susan
suzanne sylvia tamara tammy teresa theresa tiffany tina tracy ursula valerie vanessa vera veronica victoria virginia
vivian wanda wendy yolanda yvonne zoe
"""
MALE_NAMES = frozenset(_MALE.split())
FEMALE_NAMES = frozenset(_FEMALE.split())


@cache
def census_genders() -> dict[str, str]:
    """name -> `m` or `f` for the census given names at least 95% of whose bearers are of one sex."""
    male, female = _census_shares("dist.male.first"), _census_shares("dist.female.first")
    out = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= CENSUS_RATIO * f or f >= CENSUS_RATIO * m:
            out[name] = "m" if m > f else "f"
    return out


def _census_shares(file: str) -> dict[str, float]:
    """name -> percent of that sex's population bearing it (the file's second column)."""
    out = {}
    for line in files(CENSUS_PACKAGE).joinpath(file).read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def gender_of_given_name(name: str) -> str | None:
    """`m` or `f` for a common given name of the hand lists (any case), else None: also the test of a common
    given name that `briefings.names` uses to let a sentence's first word open a name."""
    low = name.lower().strip(".")
    return "m" if low in MALE_NAMES else "f" if low in FEMALE_NAMES else None


def gender_by_name(name: str) -> str | None:
    """`m` or `f` for a given name of one gender, from the hand lists or else the census list, else None."""
    return gender_of_given_name(name) or census_genders().get(name.lower().strip("."))
