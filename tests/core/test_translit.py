import pytest

from openhromada.core.text import collation_key, fold
from openhromada.core.translit import transliterate


@pytest.mark.parametrize(
    ("uk", "en"),
    [
        ("Хмельницький", "Khmelnytskyi"),
        ("Житомир", "Zhytomyr"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Ізюм", "Izium"),
        ("Львів", "Lviv"),
        ("Біла Церква", "Bila Tserkva"),
        ("Згурівка", "Zghurivka"),  # зг → zgh
        ("Юрій", "Yurii"),  # ю at the start, й elsewhere
        ("Яготин", "Yahotyn"),
        ("Єнакієве", "Yenakiieve"),
        ("Їжакевич", "Yizhakevych"),
        ("Знам'янка", "Znamianka"),  # apostrophe dropped
        ("Кам’янець-Подільський", "Kamianets-Podilskyi"),  # typographic apostrophe, hyphen kept
        ("Івано-Франківськ", "Ivano-Frankivsk"),
        ("Щастя", "Shchastia"),
        ("Ґорґани", "Gorgany"),
    ],
)
def test_national_transliteration_of_known_names(uk, en):
    assert transliterate(uk) == en


def test_fold_makes_search_case_and_apostrophe_insensitive():
    assert fold("  КАМ’ЯНЕЦЬ  ") == fold("кам'янець") == "кам'янець"


def test_collation_puts_i_in_ukrainian_order():
    names = ["Яворів", "Ірпінь", "Буча", "Ґалаґани", "Гадяч", "Їжаківка"]
    assert sorted(names, key=collation_key) == [
        "Буча",
        "Гадяч",
        "Ґалаґани",
        "Ірпінь",
        "Їжаківка",
        "Яворів",
    ]


def test_collation_key_is_digits_only_so_every_database_sorts_it_alike():
    names = ["Яворів", "Ірпінь", "Буча", "Zoo", "Буча-2", "Б", "Кам'янка"]
    keys = [collation_key(n) for n in names]
    assert all(k.isdigit() for k in keys)
    assert sorted(names, key=collation_key)[:3] == ["Б", "Буча", "Буча-2"]
    assert sorted(names, key=collation_key)[-1] == "Zoo"  # other scripts after Ukrainian
